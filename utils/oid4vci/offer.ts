// Credential offers (OpenID4VCI 1.0 §4.1): `openid-credential-offer://?credential_offer=<JSON>` or
// `?credential_offer_uri=<URL>`, also as an https link carrying the same parameters (a wallet's
// universal link or an issuer page). Hand-written: it is a URL and a JSON shape check, and the
// wallet needs it synchronously to classify pasted text and QR codes before any network.
import { namedError } from '../errors';
import { checkEndpointUrl } from '../vcalm/url-policy';

export type CredentialOfferSource = 'value' | 'reference';

export interface ParsedOfferLink {
  source: CredentialOfferSource;
  /** By value: the offer JSON (checked). */
  offer?: Record<string, unknown>;
  /** By reference: the https URL to GET. */
  offerUri?: string;
  /** Who the link points at: the offer URI's origin, or the offer's credential_issuer origin. */
  origin: string;
}

export const OFFER_SCHEME = 'openid-credential-offer:';
const MAX_LINK = 64 * 1024;

const dataError = (message: string, cause?: unknown) => namedError({ name: 'DataError', message, cause });

/** Does this text look like a credential offer link (no network, no throw)? */
export function isCredentialOfferLink({ url }: { url: string }): boolean {
  if (typeof url !== 'string') return false;
  const text = url.trim();
  if (text.toLowerCase().startsWith(OFFER_SCHEME)) return true;
  try {
    const parsed = new URL(text);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:')
      && (parsed.searchParams.has('credential_offer') || parsed.searchParams.has('credential_offer_uri'));
  } catch {
    return false;
  }
}

/**
 * Reads an offer link. Throws DataError (not an offer, bad JSON, both or neither parameter),
 * NotAllowedError / NotSupportedError (an offer URI or issuer that is not https — http only on loopback).
 */
export function parseCredentialOffer({ url }: { url: string }): ParsedOfferLink {
  if (typeof url !== 'string') throw new TypeError('"url" must be a string.');
  const text = url.trim();
  if (text.length > MAX_LINK) throw dataError(`The offer link is longer than ${MAX_LINK} characters.`);
  let params: URLSearchParams;
  if (text.toLowerCase().startsWith(OFFER_SCHEME)) {
    const query = text.indexOf('?');
    if (query < 0) throw dataError('The credential offer link has no "credential_offer" or "credential_offer_uri".');
    params = new URLSearchParams(text.slice(query + 1));
  } else {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch (cause) {
      throw dataError(`"${text.slice(0, 120)}" is not a credential offer link.`, cause);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw namedError({ name: 'NotSupportedError', message: `"${parsed.protocol}" links are not credential offers.` });
    }
    params = parsed.searchParams;
  }
  const byValue = params.get('credential_offer');
  const byReference = params.get('credential_offer_uri');
  if ((byValue === null) === (byReference === null)) {
    throw dataError('A credential offer link carries exactly one of "credential_offer" and "credential_offer_uri".');
  }
  if (byReference !== null) {
    const offerUri = checkEndpointUrl({ url: byReference, what: 'credential offer URI' });
    return { source: 'reference', offerUri: offerUri.href, origin: offerUri.origin };
  }
  let json: unknown;
  try {
    json = JSON.parse(byValue!);
  } catch (cause) {
    throw dataError('The "credential_offer" parameter is not valid JSON.', cause);
  }
  const offer = checkOffer({ offer: json });
  return { source: 'value', offer, origin: new URL(offer.credential_issuer as string).origin };
}

/**
 * Shape check of an offer (1.0 and draft 13; draft 11's `credentials` is read as the ids).
 * Returns a copy with `credential_configuration_ids` always set.
 */
export function checkOffer({ offer }: { offer: unknown }): Record<string, unknown> & {
  credential_issuer: string; credential_configuration_ids: string[]; grants: Record<string, Record<string, unknown>>;
} {
  if (!offer || typeof offer !== 'object' || Array.isArray(offer)) throw dataError('The credential offer must be a JSON object.');
  const o = { ...(offer as Record<string, unknown>) };
  if (typeof o.credential_issuer !== 'string') throw dataError('The credential offer has no "credential_issuer".');
  checkEndpointUrl({ url: o.credential_issuer, what: 'credential issuer' });
  let ids = o.credential_configuration_ids;
  // draft 11 named them `credentials` (strings, or objects with a format we then cannot map)
  if (ids === undefined && Array.isArray(o.credentials)) ids = o.credentials;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20 || !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200)) {
    throw dataError('The credential offer must name 1–20 "credential_configuration_ids" (strings).');
  }
  const grants = o.grants ?? {};
  if (!grants || typeof grants !== 'object' || Array.isArray(grants)) throw dataError('The credential offer\'s "grants" must be an object.');
  for (const value of Object.values(grants)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw dataError('Each grant of the credential offer must be an object.');
  }
  return { ...o, credential_issuer: o.credential_issuer, credential_configuration_ids: ids as string[], grants: grants as Record<string, Record<string, unknown>> };
}
