// Origins the bridge serves and the check of a request's `domain` against the page's origin.
// The page's origin always comes from the browser (the message sender), never from the request.
import { isLoopbackHost } from '../vcalm/url-policy';

/** https anywhere, http only on loopback: the contexts where the bridge answers at all. */
export function isServedOrigin({ origin }: { origin: string }): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost({ hostname: url.hostname });
}

/** An endpoint the wallet may call on a page's behalf: https, or http on loopback; no userinfo. */
export function isAllowedEndpoint({ url }: { url: string }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLoopbackHost({ hostname: parsed.hostname });
}

export type DomainStatus = 'match' | 'mismatch' | 'absent';

export interface DomainCheck {
  status: DomainStatus;
  /** For people: why the domain matters here. Absent when it matches. */
  warning?: string;
}

/**
 * Does the request's `domain` name the page that asked? `domain` may be a host
 * ("shop.example", "127.0.0.1:8080") or an origin/URL ("https://shop.example/path").
 * A bare host without a port matches the page's host on any port.
 */
export function checkDomain({ domain, origin }: { domain: string | undefined; origin: string }): DomainCheck {
  const page = new URL(origin);
  if (domain === undefined || domain === '') {
    return {
      status: 'absent',
      warning: `The request names no domain, so the signed presentation is not bound to ${page.host}.`,
    };
  }
  const mismatch: DomainCheck = {
    status: 'mismatch',
    warning:
      `The request says it is for "${domain.slice(0, 200)}", but it comes from ${origin}. ` +
      'A site relaying another site\'s request looks like this: approve only if you expect it.',
  };
  const norm = (host: string) => host.toLowerCase().replace(/\.$/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain)) {
    let url: URL;
    try {
      url = new URL(domain);
    } catch {
      return mismatch;
    }
    return url.origin === page.origin ? { status: 'match' } : mismatch;
  }
  if (/[/?#@\s]/.test(domain)) return mismatch;
  let asked: URL;
  try {
    asked = new URL(`http://${norm(domain)}`);
  } catch {
    return mismatch;
  }
  if (asked.hostname !== norm(page.hostname)) return mismatch;
  const portText = /:(\d+)$/.exec(domain)?.[1];
  if (portText === undefined) return { status: 'match' }; // a bare host: any port
  const pagePort = page.port || (page.protocol === 'https:' ? '443' : '80');
  return Number(portText) === Number(pagePort) ? { status: 'match' } : mismatch;
}
