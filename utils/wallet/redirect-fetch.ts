// fetch() for the service worker that can follow redirects one checked hop at a time.
//
// What the worker can see (measured in Chromium 156, see docs in the commit and the e2e test
// tests/e2e/redirects.e2e.ts): `fetch(url, {redirect: 'manual'})` answers a redirect with an
// 'opaqueredirect' response — status 0, no headers, no Location — as the Fetch standard says for
// every browser context. `redirect: 'follow'` contacts every hop before the caller sees anything
// (`response.url` / `redirected` only tell afterwards), so it cannot keep the wallet from reaching
// a refused host. But the extension's own webRequest.onHeadersReceived does see the redirect
// response of the worker's own request (initiator = this extension, tabId -1) with its status
// and Location, and with 'manual' the browser stops there: nothing further is sent.
//
// So: the callers keep their manual hop loop (utils/vcalm/http.ts `fetchCheckingRedirects`,
// utils/wallet/scan/fetch-image.ts), which checks each target before fetching it; this wrapper
// turns an opaque redirect back into a plain 3xx with the Location that webRequest observed for
// that request URL. When no observation arrives in time, the opaque response is returned as is
// and the caller refuses the redirect (it never follows a hop it could not check).
import type { FetchLike } from '../vcalm';

export interface HeadersReceivedDetails {
  url: string;
  statusCode: number;
  initiator?: string;
  tabId: number;
  responseHeaders?: { name: string; value?: string }[];
}

export interface HeadersReceivedEvent {
  addListener(listener: (details: HeadersReceivedDetails) => void, filter: { urls: string[] }, extraInfoSpec?: string[]): void;
}

/** How long to wait for webRequest's report of a redirect after fetch answered it. */
export const OBSERVE_WAIT_MS = 2000;
/** Observations older than this are dropped (a redirect nobody asked about). */
const KEEP_MS = 30_000;
const MAX_KEPT = 256;

interface Seen { status: number; location: string; at: number }

export function createRedirectObservingFetch({ onHeadersReceived, extensionOrigin, fetch = globalThis.fetch.bind(globalThis), waitMs = OBSERVE_WAIT_MS }: {
  onHeadersReceived: HeadersReceivedEvent;
  /** chrome-extension://<id>: only this extension's own requests count. */
  extensionOrigin: string;
  fetch?: FetchLike;
  waitMs?: number;
}): FetchLike {
  // Request URL → redirects seen for it, oldest first (each answers one opaque response).
  const seen = new Map<string, Seen[]>();
  const waiters = new Map<string, Set<() => void>>();
  let kept = 0;

  const prune = (now: number) => {
    for (const [url, list] of seen) {
      const fresh = list.filter((s) => now - s.at < KEEP_MS);
      kept -= list.length - fresh.length;
      if (fresh.length) seen.set(url, fresh);
      else seen.delete(url);
    }
  };

  onHeadersReceived.addListener((details) => {
    if (details.tabId !== -1 || details.initiator !== extensionOrigin) return; // not the worker's own request
    if (details.statusCode < 300 || details.statusCode > 399) return;
    const location = details.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (!location) return;
    const now = Date.now();
    prune(now);
    if (kept >= MAX_KEPT) return;
    seen.set(details.url, [...(seen.get(details.url) ?? []), { status: details.statusCode, location, at: now }]);
    kept++;
    for (const wake of waiters.get(details.url) ?? []) wake();
  }, { urls: ['http://*/*', 'https://*/*'] }, ['responseHeaders']);

  const take = (url: string): Seen | undefined => {
    const list = seen.get(url);
    const first = list?.shift();
    if (first) kept--;
    if (list && !list.length) seen.delete(url);
    return first;
  };

  /** The redirect webRequest saw for `url`, waiting up to waitMs for the event (it may come after fetch answers). */
  const observed = (url: string, signal?: AbortSignal | null): Promise<Seen | undefined> => {
    const now = take(url);
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const set = waiters.get(url) ?? new Set();
      waiters.set(url, set);
      const done = (value: Seen | undefined) => {
        clearTimeout(timer);
        set.delete(wake);
        if (!set.size) waiters.delete(url);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const wake = () => done(take(url));
      const onAbort = () => done(undefined);
      const timer = setTimeout(() => done(undefined), waitMs);
      set.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.type !== 'opaqueredirect' || init?.redirect !== 'manual') return response;
    const hop = await observed(response.url || input, init.signal);
    if (!hop) return response;
    // A plain 3xx with the observed Location: the caller's hop loop checks it before following.
    return new Response(null, { status: hop.status, headers: { location: hop.location } });
  };
}
