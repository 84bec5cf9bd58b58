// The worker's redirect-observing fetch. A browser's 'manual' fetch answers a redirect with an
// 'opaqueredirect' (no Location); Node's fetch never does, so the browser side of this is tested
// in Chromium (tests/e2e/redirects.e2e.ts). Here: the wrapper's bookkeeping, with the opaque
// response stood in for, and the real hop loop against a local server through the wrapper.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedirectObservingFetch, type HeadersReceivedDetails } from './redirect-fetch';
import { sendHttp } from '../vcalm';

const EXT = 'chrome-extension://abcdefghijklmnop';

function fakeEvent() {
  let listener: ((d: HeadersReceivedDetails) => void) | undefined;
  return {
    onHeadersReceived: { addListener: (l: (d: HeadersReceivedDetails) => void) => { listener = l; } },
    fire: (d: HeadersReceivedDetails) => listener?.(d),
  };
}

const opaque = (url: string) => ({ type: 'opaqueredirect', url, status: 0, headers: new Headers() }) as unknown as Response;

let server: Server;
let base: string;
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url!);
    if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
    else if (req.url === '/b') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    else if (req.url === '/to-ftp') res.writeHead(301, { location: 'ftp://127.0.0.1/x' }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createRedirectObservingFetch', () => {
  test('an opaque redirect becomes a plain 3xx with the Location webRequest saw for that request, arriving before or after', async () => {
    const event = fakeEvent();
    const answers = [opaque('https://a.example/1'), opaque('https://a.example/2')];
    const fetch = createRedirectObservingFetch({ ...event, extensionOrigin: EXT, fetch: async () => answers.shift()!, waitMs: 1000 });
    event.fire({ url: 'https://a.example/1', statusCode: 302, initiator: EXT, tabId: -1, responseHeaders: [{ name: 'Location', value: '/next' }] });
    const first = await fetch('https://a.example/1', { redirect: 'manual' });
    expect([first.status, first.headers.get('location')]).toEqual([302, '/next']);
    const second = fetch('https://a.example/2', { redirect: 'manual' });
    queueMicrotask(() => event.fire({ url: 'https://a.example/2', statusCode: 307, initiator: EXT, tabId: -1, responseHeaders: [{ name: 'location', value: 'https://b.example/' }] }));
    const r2 = await second;
    expect([r2.status, r2.headers.get('location')]).toEqual([307, 'https://b.example/']);
  });

  test('redirects of pages, other extensions or non-3xx answers are ignored; no observation → the opaque response stays (the caller refuses it)', async () => {
    const event = fakeEvent();
    const fetch = createRedirectObservingFetch({ ...event, extensionOrigin: EXT, fetch: async (url) => opaque(url), waitMs: 50 });
    event.fire({ url: 'https://a.example/x', statusCode: 302, initiator: 'https://a.example', tabId: 4, responseHeaders: [{ name: 'location', value: '/page' }] });
    event.fire({ url: 'https://a.example/x', statusCode: 302, initiator: 'chrome-extension://other', tabId: -1, responseHeaders: [{ name: 'location', value: '/other' }] });
    event.fire({ url: 'https://a.example/x', statusCode: 200, initiator: EXT, tabId: -1, responseHeaders: [{ name: 'location', value: '/ok' }] });
    const response = await fetch('https://a.example/x', { redirect: 'manual' });
    expect(response.type).toBe('opaqueredirect');
  });

  test('through the wrapper, the hop loop follows a checked redirect and refuses a bad target by name before contacting it', async () => {
    const event = fakeEvent();
    const fetch = createRedirectObservingFetch({ ...event, extensionOrigin: EXT });
    hits.length = 0;
    const ok = await sendHttp({ fetch, method: 'GET', url: `${base}/a`, kind: 'protocols', exchangeId: 'x', seq: 0, limits: { maxBodyBytes: 10_000, requestTimeoutMs: 5000 } });
    expect([ok.status, ok.body, ok.url]).toEqual([200, { ok: true }, `${base}/b`]);
    expect(hits).toEqual(['/a', '/b']);
    await expect(sendHttp({ fetch, method: 'GET', url: `${base}/to-ftp`, kind: 'protocols', exchangeId: 'x', seq: 1, limits: { maxBodyBytes: 10_000, requestTimeoutMs: 5000 } }))
      .rejects.toMatchObject({ name: 'NotSupportedError' });
  });
});
