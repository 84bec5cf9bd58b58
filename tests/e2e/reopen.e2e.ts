// A browser restart with a question still open: the exchange waits on the user's approval, the
// browser is closed (the profile kept) and started again — the approval window opens again by
// itself, and answering it completes the exchange with the service.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { approvalPage, openPopup, readStore, startFromPopup, walletDid } from './support/wallet-pages';

let profile: string;
let service: WorkflowService;
let wallet: WalletBrowser | undefined;

beforeAll(async () => {
  [profile, service] = await Promise.all([mkdtemp(join(tmpdir(), 'wallet-e2e-restart-')), startService()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  await rm(profile, { recursive: true, force: true });
});

const approvalId = (page: import('playwright-core').Page) => new URL(page.url()).searchParams.get('id');

test('an approval still pending when the browser closed opens again after the restart, and can be answered to completion', async () => {
  wallet = await launchWallet({ profile });
  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  const { exchangeUrl, interactionUrl } = await newInteraction(service);
  await startFromPopup(popup, interactionUrl);
  const before = await approvalPage(wallet, 'present');
  const asked = approvalId(before);
  // the question is saved before the browser goes
  await expect.poll(async () => (await readStore(popup, 'approvals')).find((a) => a.id === asked)?.decision).toBeUndefined();
  await wallet.close();

  // the same profile, a new browser: nobody opens the popup or the approval — it comes back by itself
  wallet = await launchWallet({ profile });
  const again = await approvalPage(wallet, 'present');
  expect(approvalId(again)).toBe(asked);
  expect(wallet.context.pages().filter((p) => p.url().includes('/popup.html'))).toEqual([]);
  await again.getByTestId('approve').click();

  const accept = await approvalPage(wallet, 'accept');
  expect(accept).toBe(again); // the same window steps on to the offer
  await accept.getByTestId('approve').click();
  await expect.poll(async () => (await readServiceExchange(service, exchangeUrl)).exchange.state, { timeout: 20_000 }).toBe('complete');
  expect((await readServiceExchange(service, exchangeUrl)).exchange.variables.results.ownerBinding.did).toBe(did);
  const check = await openPopup(wallet);
  await expect.poll(async () => (await readStore(check, 'credentials')).length, { timeout: 20_000 }).toBe(1);
  await expect.poll(async () => (await readStore(check, 'exchanges')).map((e) => e.status)).toEqual(['complete']);
});
