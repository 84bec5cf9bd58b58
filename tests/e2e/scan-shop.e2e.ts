// The real demo shop (coordinator/shop) with the real workflow service: the shopper clicks
// "Get authenticity credential", the page inserts a QR code (inline SVG) and the interaction link
// late; the page scanner notices, the badge counts one interaction (link, text and QR agree), the
// popup starts it, and the shop — polling the service — sees the credential issued to our DID.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startShop, type Shop } from '../../coordinator/shop';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { startService } from './support/service';
import { approvalPage, walletDid } from './support/wallet-pages';
import { badgeText, openPage, openScanPopup } from './scan-support';

let wallet: WalletBrowser;
let service: WorkflowService;
let shop: Shop;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
  shop = await startShop({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, pollIntervalMs: 100 });
});
afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await service?.close();
});

test('demo shop: QR + link appear after a click → badge 1 → Start in the popup → the shop sees the credential issued', async () => {
  const { page, tabId } = await openPage(wallet, shop.url);
  expect(await badgeText(wallet, tabId)).toBe('');
  await page.locator('#get-credential').click();
  await page.locator('#qr svg').waitFor();
  const interactionUrl = await page.locator('#interaction-link').getAttribute('href');
  expect(interactionUrl).toMatch(/\?iuv=1$/);

  await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('1');
  const popup = await openScanPopup(wallet, tabId);
  const item = popup.getByTestId('found-item');
  await expect.poll(() => item.count()).toBe(1);
  // the link, its text and the QR code hold the same URL: one item, found three ways
  const via = async () => ((await item.textContent())?.match(/via (.*)$/)?.[1] ?? '').split(', ').sort();
  await expect.poll(via, { timeout: 20_000 }).toEqual(['image', 'link', 'text']);
  expect(await item.getByTestId('found-value').textContent()).toBe(interactionUrl);
  await popup.getByTestId('wallet-did').waitFor();
  const did = await walletDid(popup);
  await item.getByTestId('found-start').click();

  const present = await approvalPage(wallet, 'present');
  await present.getByTestId('approve').click();
  const accept = await approvalPage(wallet, 'accept');
  await accept.getByTestId('approve').click();

  await expect.poll(() => page.locator('#step-issued').getAttribute('class'), { timeout: 20_000 }).toContain('done');
  expect(await page.locator('#bound-did').textContent()).toBe(did);
  await popup.close();
});
