// Finding 7 of issue 11, in Chromium with the built extension: a page on a public https origin
// may not point the wallet at an exchange on loopback or the local network (NotAllowedError in
// the page before any window, nothing contacted). The public page is https://shop.example served
// by Playwright's route interception (Chromium sees a real https origin and a secure context;
// no certificate needed); a page on 127.0.0.1 may still name its own loopback exchange.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchWallet, type WalletBrowser } from './support/browser';
import { openPopup, readStore } from './support/wallet-pages';
import { chapiApproval, inPage, openPage, startSite, type ChapiSite } from './chapi-site';

let wallet: WalletBrowser;
let local: Server;
let localUrl: string;
/** Every request that reached the loopback "exchange service". */
const reached: string[] = [];
let loopbackSite: ChapiSite;

beforeAll(async () => {
  local = createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  [wallet, loopbackSite] = await Promise.all([launchWallet(), startSite()]);
  await wallet.context.route('https://shop.example/**', (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><meta charset="utf-8"><title>A public shop</title><h1>A public shop</h1>',
  }));
});
afterAll(async () => {
  await wallet?.close();
  await loopbackSite?.close();
  local?.closeAllConnections();
  await new Promise<void>((resolve) => local?.close(() => resolve()));
});

const exchangeGet = (endpoint: string) =>
  `navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication'}, challenge: 'pna-1', domain: location.host, ` +
  `interact: {service: [{type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: ${JSON.stringify(endpoint)}}]}}}})`;

test('an https page naming a loopback or private-network exchange is refused in the page; nothing is contacted', async () => {
  const popup = await openPopup(wallet);
  const page = await openPage(wallet.context, 'https://shop.example/checkout');
  expect(await page.evaluate(() => [location.origin, isSecureContext])).toEqual(['https://shop.example', true]);
  for (const endpoint of [`${localUrl}/exchanges/x`, 'http://[::1]:9/exchanges/x', 'https://192.168.1.20/exchanges/x', 'https://10.0.0.7/exchanges/x', 'https://localhost:8443/x']) {
    const refused = await inPage(page, exchangeGet(endpoint));
    expect(refused, endpoint).toMatchObject({ ok: false, name: 'NotAllowedError', message: expect.stringMatching(/local network/) });
  }
  // the same for a get() offering only OpenID protocols: the verifier's request_uri, the offer's URI
  const openid = (protocols: Record<string, string>) => `navigator.credentials.get({web: {VerifiablePresentation: {}, protocols: ${JSON.stringify(protocols)}}})`;
  const requestUri = encodeURIComponent(`${localUrl}/request`);
  for (const protocols of <Record<string, string>[]>[
    { OID4VP: `openid4vp://?client_id=redirect_uri%3A${encodeURIComponent(`${localUrl}/response`)}&request_uri=${requestUri}` },
    { 'oid4vci-1.0': `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${localUrl}/offer`)}` },
  ]) {
    expect(await inPage(page, openid(protocols)), JSON.stringify(protocols)).toMatchObject({ ok: false, name: 'NotAllowedError', message: expect.stringMatching(/local network/) });
  }
  // plain http off loopback is not an exchange endpoint at all: refused in the page as a bad argument
  expect(await inPage(page, exchangeGet('http://192.168.1.20/exchanges/x'))).toMatchObject({ ok: false, name: 'TypeError' });
  expect(reached).toEqual([]);
  expect((await readStore(popup, 'approvals')).filter((a) => a.pageOrigin === 'https://shop.example')).toEqual([]);
  expect(wallet.context.pages().filter((p) => p.url().includes('/approval.html'))).toEqual([]);
  await Promise.all([page.close(), popup.close()]);
});

test('a page on loopback may name a loopback exchange (development): the consent window opens', async () => {
  const page = await openPage(wallet.context, loopbackSite.url());
  const pending = inPage(page, exchangeGet(`${localUrl}/exchanges/x`));
  const consent = await chapiApproval(wallet, 'present', { origin: localUrl });
  await consent.getByTestId('decline').click();
  expect(await pending).toEqual({ ok: true, value: null });
  expect(reached).toEqual([]); // declined: still nothing contacted
  await page.close();
});
