// Entry forms other than an interaction URL, pasted into the built extension's popup: a Learner
// Credential Wallet deep link (`request.html?…&vc_request_url=<exchange URL>`) and a bare VC-API
// exchange URL each run the provenance exchange to the end (POST {} first, no discovery).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { approvalPage, openPopup, startFromPopup, walletDid } from './support/wallet-pages';

let wallet: WalletBrowser;
let service: WorkflowService;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
});

async function runFrom(text: (exchangeUrl: string) => string, stored: number) {
  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  const { exchangeUrl } = await newInteraction(service);
  await startFromPopup(popup, text(exchangeUrl));
  await (await approvalPage(wallet, 'present')).getByTestId('approve').click();
  await (await approvalPage(wallet, 'accept')).getByTestId('approve').click();
  await expect.poll(async () => (await readServiceExchange(service, exchangeUrl)).exchange?.state, { timeout: 30_000 }).toBe('complete');
  expect((await readServiceExchange(service, exchangeUrl)).exchange.variables.results.ownerBinding.did).toBe(did);
  await popup.getByTestId('tab-credentials').click();
  await expect.poll(() => popup.getByTestId('credential-item').count(), { timeout: 30_000 }).toBe(stored);
  await popup.close();
}

test('an LCW deep link (vc_request_url) completes', async () => {
  await runFrom((exchangeUrl) => `https://lcw.app/request.html?issuer=issuer.example&auth_type=bearer&challenge=c&vc_request_url=${encodeURIComponent(exchangeUrl)}`, 1);
}, 120_000);

test('a bare VC-API exchange URL completes', async () => {
  await runFrom((exchangeUrl) => exchangeUrl, 2);
}, 120_000);
