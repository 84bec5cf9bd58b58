// "Scan this screen" and images the user gives the wallet, end to end: QR codes the page scanner
// cannot see (CSS backgrounds) are found in a capture of the visible tab — several per frame,
// a small one, a light-on-dark one — and a pasted / dropped / uploaded picture goes through the
// same decode + validation pipeline; a picture without a QR code says so.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkflowService } from '../../workflow-service';
import { createImage, paintBusyPage, paintQr, seededRandom } from '../../utils/qr/testing/render-frame';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { approvalPage, readStore } from './support/wallet-pages';
import { badgeText, encodePng, html, openPage, openScanPopup, qrPng, startPageServer, type PageServer } from './scan-support';

let wallet: WalletBrowser;
let service: WorkflowService;
let site: PageServer;

beforeAll(async () => {
  [wallet, service, site] = await Promise.all([launchWallet(), startService(), startPageServer()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  await site?.close();
});

const kinds = (popup: Page, list: string) => async () =>
  (await popup.locator(`[data-testid="${list}"] [data-testid="found-item"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).sort();

describe('scan this screen', () => {
  test('codes in CSS backgrounds (invisible to the DOM scan): several, small, light-on-dark, then Start', async () => {
    const big = await newInteraction(service);
    const small = await newInteraction(service);
    const inverted = await newInteraction(service);
    site.set('/screen/big.png', await qrPng(big.interactionUrl, { width: 260 }));
    site.set('/screen/small.png', await qrPng(small.interactionUrl, { width: 110 }));
    site.set('/screen/inv.png', await qrPng(inverted.interactionUrl, { width: 200, dark: '#f0f0f0ff', light: '#1a1a2aff' }));
    const url = site.set('/screen/page', html(`
      <style>
        body { font: 14px sans-serif; margin: 0; background: #f6f3ee; }
        .qr { display: inline-block; background-repeat: no-repeat; margin: 20px; vertical-align: top; }
        .dark { background-color: #1a1a2a; padding: 20px; display: inline-block; }
      </style>
      <header style="background:#333;color:#fff;padding:10px">Boutique · bags · shoes · <b>sale</b></header>
      <p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(6)}</p>
      <div class="qr" style="width:260px;height:260px;background-image:url(/screen/big.png)"></div>
      <div class="qr" style="width:110px;height:110px;background-image:url(/screen/small.png)"></div>
      <div class="dark"><div class="qr" style="margin:0;width:200px;height:200px;background-image:url(/screen/inv.png)"></div></div>`));
    const { page, tabId } = await openPage(wallet, url);
    await page.waitForFunction(() => document.readyState === 'complete');
    // the DOM scan has nothing to count here
    expect(await badgeText(wallet, tabId)).toBe('');

    const popup = await openScanPopup(wallet, tabId);
    await popup.getByTestId('scan-screen').click();
    await expect.poll(() => popup.getByTestId('screen-result').textContent(), { timeout: 20_000 }).toMatch(/3 QR codes on screen/);
    const result = popup.getByTestId('screen-result');
    console.log(`[scan-screen] capture + decode of a ${await result.getAttribute('data-size')} frame with 3 codes: ${await result.getAttribute('data-ms')} ms in the worker`);
    await expect.poll(kinds(popup, 'found-list')).toEqual(['interaction-url', 'interaction-url', 'interaction-url']);
    expect(await badgeText(wallet, tabId)).toBe('3');
    const values = await popup.getByTestId('found-value').allTextContents();
    expect(values.sort()).toEqual([big.interactionUrl, small.interactionUrl, inverted.interactionUrl].sort());

    const smallItem = popup.getByTestId('found-item').filter({ hasText: small.interactionUrl });
    expect(await smallItem.textContent()).toContain('via screenshot');
    await smallItem.getByTestId('found-start').click();
    const present = await approvalPage(wallet, 'present');
    await present.getByTestId('approve').click();
    await expect.poll(async () => (await readServiceExchange(service, small.exchangeUrl)).exchange.state, { timeout: 20_000 }).not.toBe('pending');
    const record = (await readStore(popup, 'exchanges')).find((r) => r.interactionUrl === small.interactionUrl);
    expect(record).toMatchObject({ source: 'screenshot', pageOrigin: site.origin });
    await popup.close();
  });

  test('a screen without any QR code says so', async () => {
    const url = site.set('/screen/none', html(`<h1>Nothing to scan</h1><p>${'Plain words. '.repeat(40)}</p>`));
    const { tabId } = await openPage(wallet, url);
    const popup = await openScanPopup(wallet, tabId);
    await popup.getByTestId('scan-screen').click();
    await expect.poll(() => popup.getByTestId('screen-result').textContent(), { timeout: 20_000 }).toBe('No QR code on screen.');
    expect(await popup.getByTestId('found-item').count()).toBe(0);
    await popup.close();
  });

  test('a tab that is not on screen is refused with a reason', async () => {
    const url = site.set('/screen/hidden', html('<p>behind</p>'));
    const { tabId } = await openPage(wallet, url);
    await openPage(wallet, site.set('/screen/front', html('<p>front</p>')));
    const popup = await openScanPopup(wallet, tabId);
    await popup.getByTestId('scan-screen').click();
    await expect.poll(() => popup.getByTestId('screen-error').getAttribute('data-error-name')).toBe('NotAllowedError');
    expect(await popup.getByTestId('screen-error').textContent()).toMatch(/switch to it/);
    await popup.close();
  });
});

describe('an image from elsewhere (pasted, dropped, uploaded)', () => {
  /** A phone-sized screenshot: busy page, one interaction QR, one plain-link QR. */
  function phoneShot(interactionUrl: string): Buffer {
    const image = createImage({ width: 720, height: 1280 });
    paintBusyPage({ image, rng: seededRandom({ seed: 3 }) });
    paintQr({ image, text: interactionUrl, x: 80, y: 380, module: 6 });
    paintQr({ image, text: 'https://shop.example/about', x: 420, y: 900, module: 5 });
    return encodePng(image);
  }

  test('uploaded: the interaction and the plain link are both shown; Start runs the interaction', async () => {
    const { exchangeUrl, interactionUrl } = await newInteraction(service);
    const popup = await openScanPopup(wallet, 999_999);
    await popup.getByTestId('image-file').setInputFiles({ name: 'phone.png', mimeType: 'image/png', buffer: phoneShot(interactionUrl) });
    await expect.poll(kinds(popup, 'image-items'), { timeout: 20_000 }).toEqual(['interaction-url', 'url']);
    const item = popup.locator('[data-testid="image-items"] [data-kind="interaction-url"]');
    expect(await item.getByTestId('found-value').textContent()).toBe(interactionUrl);
    await item.getByTestId('found-start').click();
    const present = await approvalPage(wallet, 'present');
    await present.getByTestId('approve').click();
    await expect.poll(async () => (await readServiceExchange(service, exchangeUrl)).exchange.state, { timeout: 20_000 }).not.toBe('pending');
    const record = (await readStore(popup, 'exchanges')).find((r) => r.interactionUrl === interactionUrl);
    expect(record?.source).toBe('image');
    expect(record?.pageOrigin).toBeUndefined();
    await popup.close();
  });

  test('pasted and dropped images go through the same pipeline; one without a QR code says so', async () => {
    const { interactionUrl } = await newInteraction(service);
    const popup = await openScanPopup(wallet, 999_999);
    const send = (event: 'paste' | 'drop', bytes: Buffer, name: string) =>
      popup.evaluate(({ event, b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type: 'image/png' }));
        if (event === 'paste') window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
        else document.querySelector('[data-testid="image-drop"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, { event, b64: bytes.toString('base64'), name });

    await send('paste', phoneShot(interactionUrl), 'clipboard.png');
    await expect.poll(kinds(popup, 'image-items'), { timeout: 20_000 }).toEqual(['interaction-url', 'url']);

    const blank = createImage({ width: 640, height: 480 });
    paintBusyPage({ image: blank, rng: seededRandom({ seed: 11 }) });
    await send('drop', encodePng(blank), 'holiday.png');
    await expect.poll(() => popup.getByTestId('image-no-qr').textContent(), { timeout: 20_000 }).toMatch(/No QR code in holiday\.png/);

    // not an image at all: a named error, not a crash
    await popup.getByTestId('image-file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a png') });
    await expect.poll(() => popup.getByTestId('image-error').getAttribute('data-error-name')).toBe('DataError');
    await popup.close();
  });
});
