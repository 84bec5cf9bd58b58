// Interaction URLs (VCALM): https URL with iuv=1, optionally wrapped as
// `interaction:<url>` or `web+interaction:<url>`; ≤ 4296 chars (QR limit), should be ≤ 400.
import { vcalmError } from './errors';
import { checkEndpointUrl } from './url-policy';

export const INTERACTION_URL_MAX_LENGTH = 4296;
export const INTERACTION_URL_RECOMMENDED_LENGTH = 400;
const WRAPPERS = ['web+interaction:', 'interaction:'] as const;

export interface InteractionUrl {
  url: string; // the unwrapped, normalised https URL (href)
  origin: string;
  wrapper?: 'interaction:' | 'web+interaction:';
  warnings: string[];
}

/** Strip an `interaction:` / `web+interaction:` wrapper (also percent-encoded targets). */
function unwrap(text: string): { inner: string; wrapper?: InteractionUrl['wrapper'] } {
  const lower = text.toLowerCase();
  for (const wrapper of WRAPPERS) {
    if (lower.startsWith(wrapper)) {
      let inner = text.slice(wrapper.length).replace(/^\/\//, '');
      if (/^https?%3A/i.test(inner)) {
        try { inner = decodeURIComponent(inner); } catch { /* keep as is; parsing will fail below */ }
      }
      return { inner, wrapper };
    }
  }
  return { inner: text };
}

/**
 * Parse and validate an interaction URL. Throws named errors:
 * DataError (not a URL, too long, missing iuv, control characters), NotSupportedError (iuv ≠ 1,
 * not https/http), NotAllowedError (plain http off loopback, credentials in userinfo).
 */
export function parseInteractionUrl({ url }: { url: string }): InteractionUrl {
  if (typeof url !== 'string') throw new TypeError('"url" must be a string.');
  const text = url.trim();
  const warnings: string[] = [];
  if (text.length > INTERACTION_URL_MAX_LENGTH) {
    throw vcalmError({
      name: 'DataError',
      message: `The interaction URL is ${text.length} characters long; the limit is ${INTERACTION_URL_MAX_LENGTH}.`,
    });
  }
  if (!text) throw vcalmError({ name: 'DataError', message: 'The interaction URL is empty.' });
  if (/[\u0000-\u001f\u007f\s]/.test(text)) {
    throw vcalmError({ name: 'DataError', message: 'The interaction URL contains spaces or control characters.' });
  }
  const { inner, wrapper } = unwrap(text);
  const parsed = checkEndpointUrl({ url: inner, what: 'interaction URL' });
  const iuv = parsed.searchParams.getAll('iuv');
  if (iuv.length === 0) {
    throw vcalmError({
      name: 'DataError',
      message: `${parsed.origin}${parsed.pathname} is not an interaction URL: it has no "iuv=1" parameter.`,
    });
  }
  if (iuv.length > 1) {
    throw vcalmError({ name: 'DataError', message: 'The interaction URL has more than one "iuv" parameter.' });
  }
  if (iuv[0] !== '1') {
    throw vcalmError({
      name: 'NotSupportedError',
      message: `Interaction URL version iuv=${iuv[0].slice(0, 20)} is not supported (only iuv=1).`,
    });
  }
  if (parsed.protocol === 'http:') warnings.push('Plain http on a loopback address: for development only.');
  if (text.length > INTERACTION_URL_RECOMMENDED_LENGTH) {
    warnings.push(`The interaction URL is ${text.length} characters long (should be at most ${INTERACTION_URL_RECOMMENDED_LENGTH}).`);
  }
  const result: InteractionUrl = { url: parsed.href, origin: parsed.origin, warnings };
  if (wrapper) result.wrapper = wrapper;
  return result;
}

/** True when `url` would pass parseInteractionUrl (never throws). */
export function isInteractionUrl({ url }: { url: string }): boolean {
  try {
    parseInteractionUrl({ url });
    return true;
  } catch {
    return false;
  }
}
