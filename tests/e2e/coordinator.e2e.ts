// The same exchange started from the coordinator's (demo shop's) own interaction URL: the wallet
// follows it to the workflow service, and the coordinator — polling the service — sees the
// exchange complete with the wallet's DID in results.ownerBinding.did.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startShop, type Shop } from '../../coordinator/shop';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { readServiceExchange, startService } from './support/service';
import { approvalPage, openPopup, startFromPopup, walletDid } from './support/wallet-pages';

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

async function shopJson(path: string, init?: RequestInit) {
  const response = await fetch(new URL(path, shop.url), init);
  return { status: response.status, body: await response.json() };
}

test('coordinator-hosted interaction URL → approve → the coordinator sees complete with the wallet\'s DID', async () => {
  const created = await shopJson('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(created.status).toBe(201);
  const { interactionUrl, statusUrl, exchangeUrl } = created.body;
  expect(new URL(interactionUrl).origin).toBe(new URL(shop.url).origin);

  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  await startFromPopup(popup, interactionUrl);

  const present = await approvalPage(wallet, 'present');
  // who asks: the origin the wallet actually talks to (the workflow service), not the shop's page
  expect(await present.getByTestId('exchange-origin').textContent()).toBe(new URL(service.baseUrl).origin);
  expect(await present.getByTestId('interaction-origin').textContent()).toContain(new URL(shop.url).origin);
  await present.getByTestId('approve').click();
  const accept = await approvalPage(wallet, 'accept');
  await accept.getByTestId('approve').click();

  await expect.poll(async () => (await shopJson(statusUrl)).body.stage, { timeout: 20_000 }).toBe('issued');
  expect((await shopJson(statusUrl)).body.did).toBe(did);
  if (exchangeUrl) {
    const remote = await readServiceExchange(service, exchangeUrl);
    expect(remote.exchange.variables.results.ownerBinding.did).toBe(did);
  }
  await popup.getByTestId('tab-credentials').click();
  await expect.poll(() => popup.getByTestId('credential-item').count()).toBe(1);
});
