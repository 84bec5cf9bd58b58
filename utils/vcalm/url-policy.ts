// Which URLs the wallet will talk to: https anywhere, plain http only on loopback (development),
// never with credentials in the userinfo part.
import { vcalmError } from './errors';

export function isLoopbackHost({ hostname }: { hostname: string }): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  // WHATWG URL has already normalised IPv4 forms (127.1, 0x7f.1 …) to dotted quads
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Parse and check an endpoint URL (exchange, redirect, interact target). Returns the parsed URL.
 * Throws DataError (not a URL), NotAllowedError (insecure or carries credentials).
 */
export function checkEndpointUrl({ url, what = 'URL' }: { url: string; what?: string }): URL {
  if (typeof url !== 'string') throw new TypeError(`"url" must be a string.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw vcalmError({ name: 'DataError', message: `The ${what} "${url.slice(0, 200)}" is not a valid URL.`, cause });
  }
  if (parsed.protocol === 'http:') {
    if (!isLoopbackHost({ hostname: parsed.hostname })) {
      throw vcalmError({
        name: 'NotAllowedError',
        message: `The ${what} ${parsed.origin} uses plain http; only https is allowed (http only on 127.0.0.1, ::1 or localhost).`,
      });
    }
  } else if (parsed.protocol !== 'https:') {
    throw vcalmError({
      name: 'NotSupportedError',
      message: `The ${what} uses the scheme "${parsed.protocol}"; only https (and http on loopback) is supported.`,
    });
  }
  if (parsed.username || parsed.password) {
    throw vcalmError({
      name: 'NotAllowedError',
      message: `The ${what} carries a user name or password (${parsed.host}); refusing to send credentials embedded in a URL.`,
    });
  }
  return parsed;
}
