import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWallet, type WalletBrowser } from './support/browser';
import { openPopup, walletDid } from './support/wallet-pages';

let wallet: WalletBrowser;
beforeAll(async () => {
  wallet = await launchWallet();
});
afterAll(async () => wallet?.close());

test('the built extension loads and its popup renders', async () => {
  expect(wallet.extensionId).toMatch(/^[a-p]{32}$/);
  const page = await wallet.context.newPage();
  await page.goto(`chrome-extension://${wallet.extensionId}/popup.html`);
  await expect.poll(() => page.locator('h1').textContent()).toContain('Wallet');
});

test("the popup paints its own copy of the DID while the page is parsed, and the wallet's answer replaces a stale one", async () => {
  const first = await openPopup(wallet);
  const did = await walletDid(first);
  // the popup kept a copy for the next open's first paint
  await expect.poll(() => first.evaluate(() => JSON.parse(localStorage.getItem('vcalm:walletInfo') ?? 'null')?.did)).toBe(did);
  // a stale copy (as after a restore from backup), and a record of every DID the shell shows
  const stale = 'did:key:z6MkStaleCopyOfAnOlderWallet';
  await first.evaluate((d) => localStorage.setItem('vcalm:walletInfo', JSON.stringify({ did: d, verificationMethod: `${d}#x`, keyStorage: 'wrap-only' })), stale);
  await first.close();
  const page = await wallet.context.newPage();
  await page.addInitScript(() => {
    const seen: string[] = ((globalThis as unknown as { shellDids: string[] }).shellDids = []);
    new MutationObserver(() => {
      const text = document.querySelector('[data-shell-did]')?.textContent;
      if (text && text !== seen.at(-1)) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`chrome-extension://${wallet.extensionId}/popup.html`);
  await expect.poll(() => walletDid(page).catch(() => '')).toBe(did);
  // the shell script painted the copy first (before any asynchronous read could answer), then
  // storage.local's copy replaced it — and the copy is in step again
  const seen = await page.evaluate(() => (globalThis as unknown as { shellDids: string[] }).shellDids);
  expect(seen[0]).toBe(stale);
  expect(seen).toContain(did);
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('vcalm:walletInfo') ?? 'null')?.did)).toBe(did);
});
