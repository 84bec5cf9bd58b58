// Pages on 127.0.0.1 for the CHAPI end-to-end tests: two servers (two origins), each serving a
// plain page, a page that logs every CHAPI-channel message it sees, and a page that installs a
// stand-in for the CHAPI polyfill (assigning get/store, credentialsPolyfill, WebCredential the
// way the polyfill does once its mediator has loaded).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WalletBrowser } from './support/browser';

const PLAIN = `<!doctype html><meta charset="utf-8"><title>CHAPI test page</title><h1>A page that asks the wallet</h1>`;

// Records every message on the window that uses the bridge's channel name (what the page can see).
const LOGGING = `${PLAIN}<script>
  window.chapiLog = [];
  addEventListener('message', (e) => { if (e.data && e.data.channel === 'vcalm-chapi/1') window.chapiLog.push(e.data); });
</script>`;

const POLYFILL_STANDIN = `${PLAIN}<script>
  (function () {
    const mediatorGet = () => Promise.reject(new DOMException('The mediator is not reachable.', 'NotAllowedError'));
    const polyfill = { credentials: { get: mediatorGet, store: mediatorGet } };
    class WebCredential { constructor(dataType, data, options = {}) { this.type = 'web'; this.dataType = dataType; this.data = data; this.options = options; } }
    polyfill.WebCredential = WebCredential;
    navigator.credentialsPolyfill = polyfill;
    if ('credentials' in navigator) {
      navigator.credentials.get = polyfill.credentials.get.bind(polyfill.credentials);
      navigator.credentials.store = polyfill.credentials.store.bind(polyfill.credentials);
    } else {
      navigator.credentials = polyfill.credentials;
    }
    window.WebCredential = WebCredential;
    window.polyfillLoaded = true;
  })();
</script>`;

// Asks the wallet while loading, without any user action: once through navigator.credentials
// (after forging UserActivation.prototype.isActive in its own world), once by posting the
// bridge's message itself (skipping the page-world script). Results land in window.results and
// each is logged to the console as `results <json>`: a test must read them from the console, not
// with page.evaluate, because DevTools' evaluate gives the frame a user activation (Playwright
// evaluates with userGesture) — which would let the very request under test through.
const NO_GESTURE = `${PLAIN}<script>
  window.results = {};
  const report = (key, value) => { results[key] = value; console.log('results ' + JSON.stringify(results)); };
  Object.defineProperty(UserActivation.prototype, 'isActive', { get: () => true, configurable: true });
  const vpr = { query: { type: 'DIDAuthentication' }, challenge: 'no-gesture', domain: location.hostname };
  navigator.credentials.get({ web: { VerifiablePresentation: vpr } })
    .then(() => report('get', { ok: true }), (e) => report('get', { name: e.name, message: e.message }));
  // skipping the page-world script: have the wallet's bridge loaded (no gesture needed for that),
  // then post a request straight to it
  addEventListener('message', (e) => {
    const d = e.data;
    if (!d || d.channel !== 'vcalm-chapi/1' || d.to !== 'page') return;
    if (d.id === 'forgedLoad01' && d.loaded === true) {
      report('loaded', true);
      postMessage({ channel: 'vcalm-chapi/1', to: 'wallet', id: 'forgedNoGesture1', op: 'get', payload: { VerifiablePresentation: vpr } }, '/');
    }
    if (d.id === 'forgedNoGesture1') report(d.ack ? 'ack' : 'direct', d);
  });
  postMessage({ channel: 'vcalm-chapi/1', to: 'wallet', id: 'forgedLoad01', op: 'load' }, '/');
</script>`;

// A page whose "Ask" button calls get() and whose "Abort" button aborts it: a get → abort loop
// driven by real clicks. window.outcomes[i] is 'pending', 'resolved' or the error's name.
const FLOOD = `${PLAIN}<button id="ask">Ask</button><button id="abort">Abort</button><script>
  window.outcomes = []; window.messages = []; let controller;
  document.getElementById('ask').onclick = () => {
    controller = new AbortController();
    const i = outcomes.length;
    outcomes.push('pending');
    const vpr = { query: { type: 'DIDAuthentication' }, challenge: 'flood-' + i, domain: location.hostname };
    navigator.credentials.get({ web: { VerifiablePresentation: vpr }, signal: controller.signal })
      .then(() => { outcomes[i] = 'resolved'; }, (e) => { outcomes[i] = e.name; messages[i] = e.message; });
  };
  document.getElementById('abort').onclick = () => controller.abort();
</script>`;

// A page that embeds `?frame=<url>` in an iframe.
const FRAME_HOST = (src: string) => `${LOGGING}<iframe id="embedded" src="${src.replace(/[^A-Za-z0-9:/.?=&_-]/g, '')}"></iframe>`;

export interface ChapiSite {
  origin: string;
  url(path?: string): string;
  close(): Promise<void>;
}

export async function startSite(): Promise<ChapiSite> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const body = path === '/polyfill' ? POLYFILL_STANDIN : path === '/logging' ? LOGGING
      : path === '/no-gesture' ? NO_GESTURE : path === '/flood' ? FLOOD
      : path === '/frame-host' ? FRAME_HOST(url.searchParams.get('frame') ?? '') : PLAIN;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path = '/') => `${origin}${path}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/**
 * The approval window of a CHAPI request (`chapi-….present` / `.accept`) that is showing a
 * pending request — from `origin`, when given ("Request from").
 */
export function chapiApproval(wallet: WalletBrowser, kind: 'present' | 'accept', { origin, not = [] }: { origin?: string; not?: Page[] } = {}): Promise<Page> {
  return pendingApproval(wallet, (url) => /\/approval\.html\?id=chapi-/.test(url) && url.endsWith(`.${kind}`), { origin, not });
}

/** The approval window of a step of an exchange the wallet runs (not a CHAPI request's own). */
export function exchangeApproval(wallet: WalletBrowser, kind: 'present' | 'accept'): Promise<Page> {
  return pendingApproval(wallet, (url) => url.includes('/approval.html?id=') && !url.includes('?id=chapi-') && url.endsWith(`.${kind}`), {});
}

async function pendingApproval(wallet: WalletBrowser, matches: (url: string) => boolean, { origin, not = [] }: { origin?: string; not?: Page[] }): Promise<Page> {
  const showsPending = async (page: Page) => {
    try {
      const root = page.getByTestId('approval');
      if ((await root.getAttribute('data-status', { timeout: 500 })) !== 'pending') return false;
      return !origin || (await page.getByTestId('exchange-origin').textContent({ timeout: 500 })) === origin;
    } catch {
      return false; // still loading, or closed meanwhile
    }
  };
  let found: Page | undefined;
  await expect.poll(async () => {
    found = undefined;
    for (const page of wallet.context.pages()) {
      if (page.isClosed() || not.includes(page) || !matches(page.url())) continue;
      if (await showsPending(page)) {
        found = page;
        break;
      }
    }
    return found;
  }, { timeout: 20_000 }).toBeTruthy();
  return found!;
}

export function approvalIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).searchParams.get('id')!);
}

/** Run `call` in the page world without waiting for it; the returned promise settles with {ok, value | name, message}. */
export function inPage<T>(page: Page, call: string): Promise<{ ok: true; value: T } | { ok: false; name: string; message: string }> {
  return page.evaluate(async (source) => {
    try {
      const value = await new Function(`return (${source})`)();
      return { ok: true as const, value: JSON.parse(JSON.stringify(value ?? null)) };
    } catch (error) {
      const e = error as Error;
      return { ok: false as const, name: e.name, message: e.message, isTypeError: error instanceof TypeError };
    }
  }, call);
}
