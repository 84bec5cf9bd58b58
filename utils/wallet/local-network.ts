// Finding: an https page could name an http://127.0.0.1 (or private-network) exchange, and after
// consent the wallet POSTed into the user's network, around Chrome's Private Network Access
// rules. An exchange a page starts may reach loopback or the local network only when that page
// is on loopback itself (a developer's own page).
import { checkEndpointUrl, isLoopbackHost } from '../vcalm';

export function mayReachLocalNetwork({ pageOrigin }: { pageOrigin?: string }): boolean {
  if (!pageOrigin) return true; // the user pasted or chose it in the wallet itself
  try {
    return isLoopbackHost({ hostname: new URL(pageOrigin).hostname });
  } catch {
    return false;
  }
}

/** Throws NotAllowedError (before anyone is asked) when `pageOrigin` may not send the wallet to `url`. */
export function checkPageExchangeUrl({ url, pageOrigin }: { url: string; pageOrigin: string }): void {
  checkEndpointUrl({ url, what: 'exchange', privateNetwork: mayReachLocalNetwork({ pageOrigin }) });
}
