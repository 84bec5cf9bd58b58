// Page scan end to end: a shop-like page with a QR image and a link → the badge counts both
// interactions → the popup lists them with their origin → Start runs the exchange against the
// real local workflow service, through approval, to a stored credential.
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { approvalPage, readStore } from './support/wallet-pages';
import { createImage, paintBusyPage, seededRandom } from '../../utils/qr/testing/render-frame';
import { badgeText, encodePng, html, openPage, openScanPopup, qrPng, startPageServer, type PageServer } from './scan-support';

// the extension APIs, inside worker / extension-page evaluate() callbacks
declare const chrome: any;

let wallet: WalletBrowser;
let service: WorkflowService;
let site: PageServer;
let cdn: PageServer; // another origin: its images are fetched by the background

beforeAll(async () => {
  [wallet, service, site, cdn] = await Promise.all([launchWallet(), startService(), startPageServer(), startPageServer()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  await site?.close();
  await cdn?.close();
});

describe('page scan', () => {
  test('shop page: cross-origin QR image + link → badge 2 → popup lists both with origin → Start (QR) → exchange completes', async () => {
    const viaQr = await newInteraction(service);
    const viaLink = await newInteraction(service);
    const qrUrl = cdn.set('/shop/qr.png', await qrPng(viaQr.interactionUrl, { width: 240 }));
    const url = site.set('/shop/bag', html(`
      <header><h1>Heritage bag</h1><nav><a href="/">Home</a> <a href="/cart">Cart</a></nav></header>
      <main>
        <p>Price 420 €. <a href="/buy">Buy now</a></p>
        <figure><img src="${qrUrl}" alt="Scan with your wallet" width="240" height="240"><figcaption>Prove ownership</figcaption></figure>
        <p><a id="wallet-link" href="${viaLink.interactionUrl}">Open in your wallet</a></p>
        <p>Other links: <a href="https://example.com/?q=1">partner</a></p>
      </main>`));
    const { tabId } = await openPage(wallet, url);

    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('2');

    const popup = await openScanPopup(wallet, tabId);
    const items = popup.getByTestId('found-item');
    await expect.poll(() => items.count()).toBe(2);
    const serviceOrigin = new URL(service.baseUrl).origin;
    for (const origin of await popup.getByTestId('found-origin').allTextContents()) expect(origin).toContain(serviceOrigin);
    expect(await popup.getByTestId('images-checked').textContent()).toMatch(/1 image.*1 with a QR code/);

    const qrItem = items.filter({ hasText: 'via image' });
    expect(await qrItem.getByTestId('found-value').textContent()).toBe(viaQr.interactionUrl);
    await qrItem.getByTestId('found-start').click();

    const present = await approvalPage(wallet, 'present');
    await expect.poll(() => present.getByTestId('exchange-origin').textContent()).toBe(serviceOrigin);
    await present.getByTestId('approve').click();
    const accept = await approvalPage(wallet, 'accept');
    await expect.poll(() => accept.getByTestId('offered-credential').getAttribute('data-storable')).toBe('true');
    await accept.getByTestId('approve').click();

    await expect.poll(async () => (await readServiceExchange(service, viaQr.exchangeUrl)).exchange.state, { timeout: 20_000 }).toBe('complete');
    const records = await readStore(popup, 'exchanges');
    const record = records.find((r) => r.interactionUrl === viaQr.interactionUrl);
    expect(record).toMatchObject({ source: 'qr', pageOrigin: site.origin, status: 'complete' });
    // the link's exchange was never touched
    expect((await readServiceExchange(service, viaLink.exchangeUrl)).exchange.state).toBe('pending');
    await popup.close();
  });

  test('a page with several QR codes (PNG, light-on-dark, canvas, inline SVG, SVG image) and things that are not interactions', async () => {
    const a = await newInteraction(service);
    const b = await newInteraction(service);
    const c = await newInteraction(service);
    const d = await newInteraction(service);
    const e = await newInteraction(service);
    const inlineSvg = (await QRCode.toString(d.interactionUrl, { type: 'svg', margin: 4 })).replace('<svg ', '<svg width="220" height="220" ');
    site.set('/multi/e.svg', await QRCode.toString(e.interactionUrl, { type: 'svg', margin: 4 }), 'image/svg+xml');
    site.set('/multi/a.png', await qrPng(a.interactionUrl, { width: 200 }));
    site.set('/multi/b.png', await qrPng(b.interactionUrl, { width: 120, dark: '#ffffffff', light: '#202020ff' })); // light on dark
    site.set('/multi/c.png', await qrPng(c.interactionUrl, { width: 300 }));
    site.set('/multi/link.png', await qrPng('https://example.com/just-a-page'));
    site.set('/multi/oid.png', await qrPng('openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Foffer%2F1'));
    site.set('/multi/bad.png', await qrPng(`${site.origin}/x?iuv=2`));
    site.set('/multi/photo.png', busyPng({ width: 200, height: 200 }));
    const url = site.set('/multi/page', html(`
      <img src="/multi/a.png" width="200" height="200"><img src="/multi/b.png" width="120" height="120">
      <canvas id="c" width="300" height="300"></canvas>
      <img src="/multi/link.png" width="300" height="300"><img src="/multi/oid.png" width="300" height="300">
      <img src="/multi/bad.png" width="300" height="300"><img src="/multi/photo.png" width="200" height="200">
      <div>${inlineSvg}</div><img src="/multi/e.svg" width="200" height="200">
      <script>
        const img = new Image();
        img.onload = () => document.getElementById('c').getContext('2d').drawImage(img, 0, 0);
        img.src = '/multi/c.png';
      </script>`));
    const { tabId } = await openPage(wallet, url);
    // the badge counts what the wallet can start: the five interaction URLs and the OpenID4VCI
    // offer (it used to say 5, which passed only when the count happened to pause there)
    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('6');

    const popup = await openScanPopup(wallet, tabId);
    const kinds = async () => (await popup.getByTestId('found-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).sort();
    await expect.poll(kinds, { timeout: 20_000 }).toEqual([
      'interaction-url', 'interaction-url', 'interaction-url', 'interaction-url', 'interaction-url', 'invalid-interaction-url', 'oid4vci-offer', 'url',
    ]);
    const invalid = popup.locator('[data-testid="found-item"][data-kind="invalid-interaction-url"]');
    expect(await invalid.textContent()).toMatch(/iuv/);
    expect(await popup.locator('[data-kind="interaction-url"] [data-testid="found-start"]').count()).toBe(5);
    const values = await popup.locator('[data-kind="interaction-url"] [data-testid="found-value"]').allTextContents();
    expect(values.sort()).toEqual([a, b, c, d, e].map((x) => x.interactionUrl).sort());
    expect(await popup.locator('[data-kind="url"] [data-testid="found-start"]').count()).toBe(0);
    await expect.poll(() => popup.getByTestId('images-checked').textContent()).toMatch(/9 images: 8 with a QR code/);
    await popup.close();
  });

  test('the popup without a tab id shows the page in front of the user (the toolbar popup\'s case)', async () => {
    const { interactionUrl } = await newInteraction(service);
    const url = site.set('/front', html(`<a href="${interactionUrl}">Open in your wallet</a>`));
    const { tabId } = await openPage(wallet, url);
    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('1');
    const popup = await openScanPopup(wallet);
    await expect.poll(() => popup.getByTestId('found-value').allTextContents()).toEqual([interactionUrl]);
    await popup.close();
  });

  test('navigation: the next page starts from nothing; going back shows the first page\'s findings again', async () => {
    const { interactionUrl } = await newInteraction(service);
    const first = site.set('/nav/first', html(`<a href="${interactionUrl}">Open in your wallet</a>`));
    const second = site.set('/nav/second', html('<p>no interactions here</p>'));
    const { page, tabId } = await openPage(wallet, first);
    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('1');
    await page.goto(second);
    const popup = await openScanPopup(wallet, tabId);
    await expect.poll(() => popup.getByTestId('found-empty').count(), { timeout: 20_000 }).toBe(1);
    expect(await badgeText(wallet, tabId)).toBe('');
    await page.goBack();
    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => popup.getByTestId('found-value').allTextContents()).toEqual([interactionUrl]);
    await popup.close();
  });

  test('a compromised page scanner cannot feed the background garbage: refused by name, nothing stored', async () => {
    const url = site.set('/hostile', html('<p>nothing here</p>'));
    const { tabId } = await openPage(wallet, url);
    const popup = await openScanPopup(wallet, tabId);
    await expect.poll(() => popup.getByTestId('found-empty').count()).toBe(1);
    // run in the page's isolated world, where the scanner lives: it speaks for the tab
    const replies = await wallet.worker.evaluate(async ({ tabId, origin }) => {
      const [{ result }] = await chrome.scripting.executeScript({
        target: { tabId },
        args: [origin],
        func: async (origin: string) => {
          const send = (data: unknown) => chrome.runtime.sendMessage({ id: 1, type: 'reportScan', data, timestamp: Date.now() });
          return [
            await send({ findings: [{ source: 'link', value: `${origin}/i?iuv=1&x=${'x'.repeat(5000)}` }], images: [] }),
            await send({ findings: [], images: [{ kind: 'img', src: 'file:///etc/passwd', width: 1, height: 1 }] }),
            await send({ findings: [{ source: 'link', value: `${origin}/i?iuv=1`, tabId: 1 }], images: [] }),
            await send({ findings: Array.from({ length: 201 }, (_, i) => ({ source: 'link', value: `${origin}/i/${i}?iuv=1` })), images: [] }),
            await send({ findings: [], images: [], reset: 'yes' }),
            // the wallet's own messages are not for content scripts
            await chrome.runtime.sendMessage({ id: 2, type: 'listFound', data: { tabId: 1 }, timestamp: Date.now() }),
            await chrome.runtime.sendMessage({ id: 3, type: 'listCredentials', timestamp: Date.now() }),
            // and the per-tab lists (storage.session) are out of a content script's reach
            await chrome.storage.session.get(null).then(() => ({ res: 'readable' }), (e: Error) => ({ err: { name: 'NotAllowedError', message: e.message } })),
          ];
        },
      });
      return result;
    }, { tabId, origin: site.origin });
    expect(replies.map((r: { err?: { name: string } }) => r.err?.name)).toEqual([
      'DataError', 'DataError', 'DataError', 'DataError', 'DataError', 'NotAllowedError', 'NotAllowedError', 'NotAllowedError',
    ]);
    for (const reply of replies) expect(reply.res).toBeUndefined();
    expect(await badgeText(wallet, tabId)).toBe('');
    expect(await popup.getByTestId('found-item').count()).toBe(0);

    // a well-formed report with an invalid interaction URL is kept with its reason, not counted
    await wallet.worker.evaluate(async ({ tabId, origin }) => {
      await chrome.scripting.executeScript({
        target: { tabId },
        args: [origin],
        func: (origin: string) => chrome.runtime.sendMessage({ id: 4, type: 'reportScan', data: { findings: [{ source: 'link', value: `${origin}/i?iuv=7` }], images: [] }, timestamp: Date.now() }),
      });
    }, { tabId, origin: site.origin });
    await expect.poll(() => popup.locator('[data-kind="invalid-interaction-url"]').count()).toBe(1);
    expect(await badgeText(wallet, tabId)).toBe('');
    await popup.close();
  });
});

/** A busy picture without any QR code. */
function busyPng({ width, height }: { width: number; height: number }): Buffer {
  const image = createImage({ width, height });
  paintBusyPage({ image, rng: seededRandom({ seed: 7 }) });
  return encodePng(image);
}
