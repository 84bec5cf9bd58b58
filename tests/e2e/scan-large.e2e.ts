// The page scanner on a 10,000-node page: it finds the links that were there, keeps up with
// links inserted late (MutationObserver, debounced); the page's long tasks are printed (a
// PerformanceObserver in the page), their 50 ms goal is bench/scan.bench.ts's. Also the scanner's built size.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_DIR, launchWallet, type WalletBrowser } from './support/browser';
import { createImage, paintBusyPage, seededRandom } from '../../utils/qr/testing/render-frame';
import { badgeText, encodePng, html, openPage, openScanPopup, qrPng, startPageServer, type PageServer } from './scan-support';

// the extension APIs, inside worker evaluate() callbacks
declare const chrome: any;

let wallet: WalletBrowser;
let site: PageServer;

beforeAll(async () => {
  [wallet, site] = await Promise.all([launchWallet(), startPageServer()]);
});
afterAll(async () => {
  await wallet?.close();
  await site?.close();
});

/** ~10,000 DOM nodes of shop-like markup, with `links` interaction links and `images` pictures among them. */
function bigPage({ origin, links, images }: { origin: string; links: number; images: string[] }): string {
  const parts: string[] = [];
  for (let i = 0; i < 1150; i++) {
    const link = i % Math.floor(1000 / links) === 0 && i / Math.floor(1000 / links) < links
      ? ` <a href="${origin}/interactions/early-${i}?iuv=1">wallet</a>` : '';
    const picture = i % 100 === 0 && images[i / 100] ? `<img src="${images[i / 100]}" width="300" height="240">` : '';
    parts.push(`<article id="a${i}">${picture}<h2>Item ${i}</h2><p>Soft leather, ${i} reviews <a href="/p/${i}">details</a>${link}</p><span>€${i}</span></article>`);
  }
  return html(`<main>${parts.join('')}</main><script>document.body.offsetHeight; performance.mark('dom-built');</script>`, {
    head: `<script>
      window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
        .observe({ type: 'longtask', buffered: true });
    </script>`,
  });
}

describe('a 10,000-node page', () => {
  test('finds early links and QR pictures and keeps up with links inserted late (long tasks printed)', async () => {
    // same-origin pictures (rasterised by the page scanner): 8 busy photos and 2 QR codes
    const images: string[] = [];
    for (let i = 0; i < 8; i++) {
      const photo = createImage({ width: 1200, height: 900 });
      paintBusyPage({ image: photo, rng: seededRandom({ seed: 100 + i }) });
      images.push(site.set(`/big/photo-${i}.png`, encodePng(photo)));
    }
    images.push(site.set('/big/qr-0.png', await qrPng(`${site.origin}/interactions/qr-0?iuv=1`, { width: 300 })));
    images.push(site.set('/big/qr-1.png', await qrPng(`${site.origin}/interactions/qr-1?iuv=1`, { width: 300 })));
    const url = site.set('/big', bigPage({ origin: site.origin, links: 4, images }));
    const opened = Date.now();
    const { page, tabId } = await openPage(wallet, url);
    const nodes = await page.evaluate(() => {
      let n = 0;
      const walker = document.createTreeWalker(document.documentElement);
      while (walker.nextNode()) n++;
      return n;
    });
    expect(nodes).toBeGreaterThanOrEqual(10_000);
    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('6');
    const firstBadgeMs = Date.now() - opened;
    // the popup is open while the page changes: its list follows
    const popup = await openScanPopup(wallet, tabId);
    await expect.poll(() => popup.getByTestId('found-item').count()).toBe(6);
    await expect.poll(() => popup.getByTestId('images-checked').textContent()).toMatch(/10 images: 2 with a QR code/);

    // late: 20 links in new subtrees spread over the page, then one in running text
    const inserted = Date.now();
    await page.evaluate((origin) => {
      for (let i = 0; i < 20; i++) {
        const div = document.createElement('div');
        div.innerHTML = `<p>New! <a href="${origin}/interactions/late-${i}?iuv=1">prove it</a></p>`;
        document.getElementById(`a${i * 50 + 7}`)!.append(div);
      }
    }, site.origin);
    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('26');
    const lateBadgeMs = Date.now() - inserted;
    await page.evaluate((origin) => {
      document.getElementById('a999')!.append(document.createTextNode(` or paste interaction:${origin}/interactions/text?iuv=1 into your wallet.`));
    }, site.origin);
    await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('27');

    const longTasks = await page.evaluate(() => {
      const built = performance.getEntriesByName('dom-built')[0]?.startTime ?? 0;
      const all = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
      return { built, after: all.filter((t) => t.start >= built), before: all.filter((t) => t.start < built) };
    });
    const worst = Math.max(0, ...longTasks.after.map((t) => t.duration));
    console.log(`[scan-large] ${nodes} nodes; badge after ${firstBadgeMs} ms from open; late links counted ${lateBadgeMs} ms after insertion; `
      + `long tasks after DOM built: ${longTasks.after.length} (worst ${worst.toFixed(0)} ms); before (parsing): ${longTasks.before.map((t) => t.duration.toFixed(0)).join(', ') || 'none'}`);
    // Printed, not asserted: a long-task bound is a timing goal, and on a loaded 2-core machine a
    // preempted slice reads long (seen: 122 ms at load 17). bench/scan.bench.ts measures the
    // scanner's longest slice against its 50 ms goal.
    await expect.poll(() => popup.getByTestId('found-item').count()).toBe(27);
    expect(await popup.locator('[data-testid="found-item"]').filter({ hasText: 'via text' }).count()).toBe(1);
    await popup.close();
  });

  test('the page scanner is small and has no QR decoder in it', async () => {
    const file = join(EXTENSION_DIR, 'page-scanner.js');
    const { size } = await stat(file);
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    console.log(`[scan-large] page-scanner.js: ${size} bytes`);
    expect(text).not.toMatch(/jsQR|binarize|ReedSolomon|reedsolomon/i);
    expect(size).toBeLessThanOrEqual(10 * 1024);
  });

  test('what runs on every page is at most 4 KB and is not the scanner (issue 11, finding 10)', async () => {
    const { readFile } = await import('node:fs/promises');
    const background = await readFile(join(EXTENSION_DIR, 'background.js'), 'utf8');
    // every script the background registers for all pages; the scanner must not be one of them
    const everyPage = ['chapi-bridge-stub.js', 'chapi-page-stub.js'];
    for (const name of everyPage) expect(background).toContain(name);
    expect(background).not.toMatch(/registerContentScripts[^;]*page-scanner/);
    let total = 0;
    for (const name of everyPage) {
      const text = await readFile(join(EXTENSION_DIR, name), 'utf8');
      expect(text).not.toContain('__vcalmPageScanner');
      total += Buffer.byteLength(text);
    }
    console.log(`[scan-large] every page: ${total} bytes (${everyPage.join(' + ')})`);
    expect(total).toBeLessThanOrEqual(4096);
  });
  test('a page with nothing to scan never gets the scanner; a link added later brings it in (issue 11, finding 10)', async () => {
    const scannerIn = (tabId: number) => wallet.worker.evaluate(async (id) => {
      const [r] = await chrome.scripting.executeScript({ target: { tabId: id }, func: () => (globalThis as any).__vcalmPageScanner === true });
      return r?.result === true;
    }, tabId);
    // text, a small icon and ordinary links: nothing the scanner could report
    const icon = site.set('/quiet/icon.png', encodePng({ data: new Uint8Array(16 * 16 * 4).fill(200), width: 16, height: 16 }));
    const quiet = await openPage(wallet, site.set('/quiet', html(`<h1>About us</h1><img src="${icon}" width="16" height="16"><p>Leather goods since 1920. <a href="/shop">Shop</a></p>`)));
    // a second tab whose probe runs later finds a link: once its scanner is in, the quiet page's
    // probe (which ran first, at its DOMContentLoaded) has long had its say
    const busy = await openPage(wallet, site.set('/busy', html(`<a href="${site.origin}/interactions/busy?iuv=1">wallet</a>`)));
    await expect.poll(() => badgeText(wallet, busy.tabId)).toBe('1');
    expect(await scannerIn(busy.tabId)).toBe(true);
    expect(await scannerIn(quiet.tabId)).toBe(false);
    // the quiet page gains an interaction link: the probe sees the change and the scanner reports it
    await quiet.page.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'Prove it is authentic';
      document.body.append(a);
    }, `${site.origin}/interactions/late?iuv=1`);
    await expect.poll(() => badgeText(wallet, quiet.tabId)).toBe('1');
    expect(await scannerIn(quiet.tabId)).toBe(true);
    await Promise.all([quiet.page.close(), busy.page.close()]);
  });
});
