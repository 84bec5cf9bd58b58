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
 * Loopback or a private / link-local / unspecified address, as a literal (WHATWG URL has already
 * normalised IPv4 forms). Names that merely resolve to such addresses cannot be seen here.
 */
export function isPrivateNetworkHost({ hostname }: { hostname: string }): boolean {
  if (isLoopbackHost({ hostname })) return true;
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.home.arpa')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
      || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    // unspecified, unique-local fc00::/7, link-local fe80::/10, IPv4-mapped (checked as IPv4 would be)
    if (v6 === '::' || /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6)) return true;
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (mapped) {
      const hi = parseInt(mapped[1], 16);
      const lo = parseInt(mapped[2], 16);
      return isPrivateNetworkHost({ hostname: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}` });
    }
  }
  return false;
}

/**
 * Parse and check an endpoint URL (exchange, redirect, interact target). Returns the parsed URL.
 * Throws DataError (not a URL), NotAllowedError (insecure, carries credentials, or on the local
 * network when `privateNetwork` is false — an exchange a public page started may not reach into
 * the user's network, around the browser's Private Network Access rules).
 */
export function checkEndpointUrl({ url, what = 'URL', privateNetwork = true }: { url: string; what?: string; privateNetwork?: boolean }): URL {
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
  if (!privateNetwork && isPrivateNetworkHost({ hostname: parsed.hostname })) {
    throw vcalmError({
      name: 'NotAllowedError',
      message: `The ${what} ${parsed.origin} is on this computer or the local network; a page on a public site may not send the wallet there.`,
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
