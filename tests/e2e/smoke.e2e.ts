import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWallet, type WalletBrowser } from './support/browser';

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
