// Finding 2 of issue 11, in Chromium with the built extension: a page may not open wallet
// windows on its own. get()/store() need a user action (transient activation, checked in the
// isolated world where the page cannot forge it); a get → abort loop driven by real clicks opens
// one window, its aborts count toward the pause, and then the site is refused.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWallet, type WalletBrowser } from './support/browser';
import { openPopup, readStore } from './support/wallet-pages';
import { openPage, startSite, type ChapiSite } from './chapi-site';

let wallet: WalletBrowser;
let site: ChapiSite;
let popup: Page;
/** Every CHAPI approval window the wallet opened, in order. */
const opened: string[] = [];

beforeAll(async () => {
  wallet = await launchWallet();
  popup = await openPopup(wallet);
  wallet.context.on('page', (page) => {
    // the window's URL may be known at once or only once it has navigated; a window the test
    // closes (abort) may be gone before a waitForURL would settle, so record on every navigation
    let counted = false;
    const check = () => {
      if (counted || !/approval\.html\?id=chapi-/.test(page.url())) return;
      counted = true;
      opened.push(page.url());
    };
    check();
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) check();
    });
  });
});
afterAll(async () => {
  await wallet?.close();
});
beforeEach(async () => {
  site = await startSite();
  opened.length = 0;
});
afterEach(async () => {
  await site?.close();
});

const approvalsFrom = async (origin: string) =>
  (await readStore(popup, 'approvals')).filter((a) => a.pageOrigin === origin);

describe('user activation', () => {
  test('a page asking while it loads, with no user action, is refused by name and no window opens — forged isActive and direct bridge messages too', async () => {
    // read from the page's console only: page.evaluate would give the page a user activation
    const page = await wallet.context.newPage();
    let results: Record<string, any> = {};
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('results ')) results = JSON.parse(text.slice('results '.length));
    });
    await page.goto(site.url('/no-gesture'));
    await expect.poll(() => results.get && results.direct).toBeTruthy();
    expect(results.get).toMatchObject({ name: 'NotAllowedError', message: expect.stringMatching(/user action/) });
    // the message posted straight to the bridge is refused in the isolated world, never relayed
    expect(results.direct).toMatchObject({ ok: false, error: { name: 'NotAllowedError', message: expect.stringMatching(/user action/) } });
    expect(results.ack).toBeUndefined();
    expect(await approvalsFrom(site.origin)).toEqual([]);
    expect(opened).toEqual([]);
    await page.close();
  });

  test('a get → abort loop driven by clicks opens one window, then the site is paused', async () => {
    const page = await openPage(wallet.context, site.url('/flood'));
    const outcome = (i: number) => page.evaluate((n) => (window as any).outcomes[n], i);
    let aborted = 0;
    for (let i = 0; i < 6; i++) {
      await page.click('#ask');
      // either the wallet holds an approval for it, or the page already has its answer
      await expect.poll(async () => (await outcome(i)) !== 'pending' || (await approvalsFrom(site.origin)).length > i, { timeout: 20_000 }).toBe(true);
      if ((await outcome(i)) !== 'pending') break;
      // the first request's window is open (and counted) before the page withdraws it
      if (i === 0) await expect.poll(() => opened.length, { timeout: 20_000 }).toBe(1);
      await page.click('#abort');
      await expect.poll(() => outcome(i)).toBe('AbortError');
      aborted++;
    }
    expect(aborted).toBe(3);
    expect(await outcome(3)).toBe('NotAllowedError');
    expect(await page.evaluate(() => (window as any).messages[3])).toMatch(/declined several requests/);
    // every withdrawn request was ended as declined; the fourth made no approval at all
    const approvals = await approvalsFrom(site.origin);
    expect(approvals).toHaveLength(3);
    await expect.poll(async () => (await approvalsFrom(site.origin)).every((a) => a.decision?.approved === false)).toBe(true);
    expect(opened).toHaveLength(1);
    await page.close();
  });
});
