// Classify an arbitrary string found in a page, a QR code or the clipboard, for the scanner UI.
import { toErrorJson, type ErrorJson } from './errors';
import { parseInteractionUrl } from './interaction-url';
import { isLoopbackHost } from './url-policy';
import { checkJson } from '../json-bounds';

export const CLASSIFY_MAX_LENGTH = 100_000;

const OID4VCI_SCHEMES = ['openid-credential-offer:', 'haip-vci:'];
const OID4VP_SCHEMES = ['openid4vp:', 'eudi-openid4vp:', 'mdoc-openid4vp:', 'haip-vp:', 'haip:', 'openid-vc:', 'openid:'];

export type Classification =
  | { kind: 'interaction-url'; url: string; origin: string; warnings: string[] }
  // looked like an interaction URL (iuv present or wrapper) but failed validation: say why
  | { kind: 'invalid-interaction-url'; text: string; error: ErrorJson }
  | { kind: 'url'; url: string; origin: string; secure: boolean }
  | { kind: 'oid4vci-offer'; uri: string; byReference: boolean }
  | { kind: 'oid4vp-request'; uri: string; byReference: boolean }
  | { kind: 'vp'; value: Record<string, unknown> }
  // a VPR (bare, wrapped in {verifiablePresentationRequest} or a CHAPI {VerifiablePresentation} /
  // {web: {VerifiablePresentation}} request); exchangeUrl from interact.service when present
  | { kind: 'vpr'; value: Record<string, unknown>; exchangeUrl?: string }
  | { kind: 'text'; text: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function hasType(value: Record<string, unknown>, type: string): boolean {
  const t = value.type;
  return t === type || (Array.isArray(t) && t.includes(type));
}

/** The exchange URL a VPR's interact.service offers (VerifiableCredentialApiExchangeService & co.). */
export function exchangeUrlFromVpr({ vpr }: { vpr: unknown }): string | undefined {
  if (!isObject(vpr) || !isObject(vpr.interact)) return undefined;
  const services = Array.isArray(vpr.interact.service) ? vpr.interact.service : [vpr.interact.service];
  const known = [
    'VerifiableCredentialApiExchangeService',
    'UnmediatedPresentationService2021',
    'UnmediatedHttpPresentationService2021',
  ];
  for (const type of known) {
    for (const service of services) {
      if (isObject(service) && service.type === type && typeof service.serviceEndpoint === 'string') {
        return service.serviceEndpoint;
      }
    }
  }
  return undefined;
}

function classifyJson(value: unknown): Classification | undefined {
  if (!isObject(value)) return undefined;
  const web = isObject(value.web) ? value.web : value; // CHAPI get() argument
  if (isObject(web.VerifiablePresentation)) {
    const vpr = web.VerifiablePresentation;
    return { kind: 'vpr', value: vpr, ...(exchangeUrlFromVpr({ vpr }) ? { exchangeUrl: exchangeUrlFromVpr({ vpr }) } : {}) };
  }
  if (isObject(value.verifiablePresentationRequest)) {
    const vpr = value.verifiablePresentationRequest;
    return { kind: 'vpr', value: vpr, ...(exchangeUrlFromVpr({ vpr }) ? { exchangeUrl: exchangeUrlFromVpr({ vpr }) } : {}) };
  }
  if ((Array.isArray(value.query) || isObject(value.query)) && !hasType(value, 'VerifiablePresentation')) {
    return { kind: 'vpr', value, ...(exchangeUrlFromVpr({ vpr: value }) ? { exchangeUrl: exchangeUrlFromVpr({ vpr: value }) } : {}) };
  }
  if (hasType(value, 'VerifiablePresentation')) return { kind: 'vp', value };
  if (isObject(value.verifiablePresentation) && hasType(value.verifiablePresentation, 'VerifiablePresentation')) {
    return { kind: 'vp', value: value.verifiablePresentation };
  }
  return undefined;
}

/** Never throws for a string input; TypeError when `text` is not a string. */
export function classifyText({ text }: { text: string }): Classification {
  if (typeof text !== 'string') throw new TypeError('"text" must be a string.');
  const trimmed = text.trim();
  if (trimmed.length > CLASSIFY_MAX_LENGTH) return { kind: 'text', text: trimmed.slice(0, 200) };
  const lower = trimmed.toLowerCase();

  if (trimmed.startsWith('{')) {
    try {
      // a hostile code may nest deeply or carry prototype keys: then it is only text
      const found = classifyJson(checkJson({ value: JSON.parse(trimmed), what: 'The scanned text' }));
      if (found) return found;
    } catch { /* not JSON: plain text */ }
    return { kind: 'text', text: trimmed };
  }
  for (const scheme of OID4VCI_SCHEMES) {
    if (lower.startsWith(scheme)) return { kind: 'oid4vci-offer', uri: trimmed, byReference: /[?&]credential_offer_uri=/.test(trimmed) };
  }
  for (const scheme of OID4VP_SCHEMES) {
    if (lower.startsWith(scheme)) return { kind: 'oid4vp-request', uri: trimmed, byReference: /[?&]request_uri=/.test(trimmed) };
  }
  const wrapped = lower.startsWith('interaction:') || lower.startsWith('web+interaction:');
  if (wrapped || /^https?:\/\//i.test(trimmed)) {
    let url: URL | undefined;
    try { url = new URL(wrapped ? trimmed.replace(/^(web\+)?interaction:/i, '') : trimmed); } catch { /* below */ }
    const claimsInteraction = wrapped || (url ? url.searchParams.has('iuv') : /[?&]iuv=/i.test(trimmed));
    if (claimsInteraction) {
      try {
        const parsed = parseInteractionUrl({ url: trimmed });
        return { kind: 'interaction-url', url: parsed.url, origin: parsed.origin, warnings: parsed.warnings };
      } catch (error) {
        return { kind: 'invalid-interaction-url', text: trimmed.slice(0, 4296), error: toErrorJson({ error }) };
      }
    }
    if (url && !/\s/.test(trimmed)) {
      // an https URL carrying an OID4VCI offer or OID4VP request as a query parameter
      if (url.searchParams.has('credential_offer') || url.searchParams.has('credential_offer_uri')) {
        return { kind: 'oid4vci-offer', uri: url.href, byReference: url.searchParams.has('credential_offer_uri') };
      }
      if (url.searchParams.has('request_uri') && url.searchParams.has('client_id')) {
        return { kind: 'oid4vp-request', uri: url.href, byReference: true };
      }
      const secure = url.protocol === 'https:' || isLoopbackHost({ hostname: url.hostname });
      return { kind: 'url', url: url.href, origin: url.origin, secure };
    }
  }
  return { kind: 'text', text: trimmed };
}
