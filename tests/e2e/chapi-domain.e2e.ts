// Finding 3 of issue 11, in Chromium with the built extension: a page asking for a presentation
// bound to another site's domain is refused by default (NotAllowedError in the page, no window,
// nothing signed); with the developer setting on, the approval shows a red warning.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWallet, type WalletBrowser } from './support/browser';
import { openPopup, readStore } from './support/wallet-pages';
import { chapiApproval, inPage, openPage, startSite, type ChapiSite } from './chapi-site';

let wallet: WalletBrowser;
let site: ChapiSite;
let popup: Page;

beforeAll(async () => {
  [wallet, site] = await Promise.all([launchWallet(), startSite()]);
  popup = await openPopup(wallet);
});
afterAll(async () => {
  await wallet?.close();
  await site?.close();
});

const askFor = (domain: string) =>
  `navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication', acceptedMethods: [{method: 'key'}]}, challenge: 'relay-me', domain: ${JSON.stringify(domain)}}}})`;

test('by default a foreign domain is refused by name; the developer setting turns it into a red warning', async () => {
  const page = await openPage(wallet.context, site.url());
  const refused = await inPage(page, askFor('https://bank.example'));
  expect(refused).toMatchObject({ ok: false, name: 'NotAllowedError', message: expect.stringMatching(/bank\.example.*Nothing was signed or sent/) });
  expect((await readStore(popup, 'approvals')).filter((a) => a.pageOrigin === site.origin)).toEqual([]);
  expect(wallet.context.pages().filter((p) => p.url().includes('/approval.html'))).toEqual([]);

  // the developer turns the setting on in the popup
  await popup.getByTestId('tab-settings').click();
  const toggle = popup.getByTestId('allow-foreign-domain');
  await expect.poll(() => toggle.isChecked()).toBe(false);
  await toggle.check();
  await expect.poll(async () => (await readStoreSettings()).allowForeignDomain).toBe(true);
  await popup.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/vault-settings.png` });

  const result = inPage(page, askFor('https://bank.example'));
  const approval = await chapiApproval(wallet, 'present', { origin: site.origin });
  const warning = approval.getByTestId('domain-warning');
  expect(await warning.textContent()).toContain('bank.example');
  expect(await warning.getAttribute('class')).toContain('error');
  const color = await warning.evaluate((el) => getComputedStyle(el).color);
  expect(color).toBe('rgb(180, 35, 24)'); // --bad
  await approval.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/vault-foreign-domain.png`, fullPage: true });
  await approval.getByTestId('decline').click();
  expect(await result).toEqual({ ok: true, value: null });

  await toggle.uncheck();
  await expect.poll(async () => (await readStoreSettings()).allowForeignDomain).toBe(false);
  expect(await inPage(page, askFor('bank.example'))).toMatchObject({ ok: false, name: 'NotAllowedError' });
  await page.close();
});

/** The settings as the background keeps them (storage.local). */
async function readStoreSettings(): Promise<{ allowForeignDomain?: boolean }> {
  return popup.evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('settings')).settings ?? {}));
}
