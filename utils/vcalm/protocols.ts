// Protocol discovery: what an interaction URL offers. Keep every protocol; run vcapi.
import { classifyText, exchangeUrlFromVpr } from './classify';
import { vcalmError } from './errors';

export interface Protocols {
  vcapi?: string;
  interact?: string;
  inviteRequest?: string;
  [key: string]: unknown; // oid4vci-1.0, oid4vp-1.0, OID4VCI, OID4VP, didcomm, iu, lcw, verifiablePresentationRequest …
}

export interface ProtocolsCheck {
  protocols: Protocols; // every protocol given, with the shapes checked
  warnings: string[]; // dropped or odd entries, in words
}

const MAX_PROTOCOLS = 64;
const MAX_VALUE_LENGTH = 8192;

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A warning when a known protocol's value does not look like what that protocol uses (kept anyway). */
function oddValue(key: string, value: string): string | undefined {
  const kind = classifyText({ text: value }).kind;
  if (/^oid4vci/i.test(key) && kind !== 'oid4vci-offer') return `Protocol "${key}" does not look like an OID4VCI credential offer.`;
  if (/^oid4vp/i.test(key) && kind !== 'oid4vp-request') return `Protocol "${key}" does not look like an OID4VP request.`;
  if (['vcapi', 'inviteRequest', 'iu'].includes(key) && kind !== 'url' && kind !== 'interaction-url' && kind !== 'exchange-url') return `Protocol "${key}" is not an http(s) URL.`;
  if (key === 'interact' && kind !== 'interaction-url') return `Protocol "interact" is not a usable interaction URL.`;
  return undefined;
}

/**
 * Check a `{protocols}` reply. Throws DataError when it is not `{protocols: {...}}`. Keeps string
 * values (URLs, deep links) and DCC's `verifiablePresentationRequest` object; drops other shapes
 * with a warning. Does not decide what to run.
 */
export function checkProtocols({ body, url }: { body: unknown; url: string }): ProtocolsCheck {
  if (!isObject(body) || !isObject(body.protocols)) {
    throw vcalmError({
      name: 'DataError',
      message: `${url} did not answer with {"protocols": {...}}; is it an interaction URL?`,
      data: typeof body === 'string' ? body.slice(0, 500) : body,
      requestUrl: url,
    });
  }
  const warnings: string[] = [];
  const protocols: Protocols = {};
  const entries = Object.entries(body.protocols);
  if (entries.length > MAX_PROTOCOLS) warnings.push(`Only the first ${MAX_PROTOCOLS} of ${entries.length} protocols were kept.`);
  for (const [key, value] of entries.slice(0, MAX_PROTOCOLS)) {
    if (key === '__proto__' || key.length > 100) { warnings.push('Dropped a protocol with an invalid name.'); continue; }
    if (typeof value === 'string') {
      if (value.length > MAX_VALUE_LENGTH) { warnings.push(`Dropped protocol "${key}": value too long.`); continue; }
      protocols[key] = value;
      const odd = oddValue(key, value);
      if (odd) warnings.push(odd);
    } else if (key === 'verifiablePresentationRequest' && isObject(value)) {
      protocols[key] = value;
    } else {
      warnings.push(`Dropped protocol "${key}": expected a string, got ${Array.isArray(value) ? 'an array' : typeof value}.`);
    }
  }
  if (Object.keys(protocols).length === 0) {
    throw vcalmError({ name: 'DataError', message: `${url} offered no protocols.`, data: body, requestUrl: url });
  }
  return { protocols, warnings };
}

/** The vcapi exchange URL to run: `vcapi`, else the VCALM exchange service in DCC's embedded VPR. */
export function pickVcapi({ protocols }: { protocols: Protocols }): string | undefined {
  if (typeof protocols.vcapi === 'string' && protocols.vcapi) return protocols.vcapi;
  return exchangeUrlFromVpr({ vpr: protocols.verifiablePresentationRequest });
}

export function noVcapiError({ protocols, url }: { protocols: Protocols; url: string }) {
  const offered = Object.keys(protocols);
  return vcalmError({
    name: 'NotSupportedError',
    message: `${new URL(url).origin} offers ${offered.map((k) => `"${k}"`).join(', ')} but not "vcapi", the only protocol this wallet runs.`,
    data: { protocols },
    requestUrl: url,
  });
}
