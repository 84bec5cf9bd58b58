// The wallet core end to end: the built extension in headless Chromium against the local
// workflow service. Paste → approve → verified credential stored and listed → the service sees
// our DID; decline sends nothing; server errors show the server's words; a stopped worker resumes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { approvalPage, openPopup, readStore, startFromPopup, stopServiceWorker, walletDid } from './support/wallet-pages';

let wallet: WalletBrowser;
let service: WorkflowService;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
});

const historyItem = (popup: import('playwright-core').Page, status: string) =>
  popup.locator(`[data-testid="exchange-history"] [data-testid="exchange-item"][data-status="${status}"]`);

describe('wallet core', () => {
  let completedInteraction: string;

  test('paste → approval names the origin → approve → credential verified, stored, listed; the service has our DID', async () => {
    const { exchangeUrl, interactionUrl } = await newInteraction(service);
    const popup = await openPopup(wallet);
    const did = await walletDid(popup);
    expect(did).toMatch(/^did:key:z6Mk/);
    // the private key is a WebCrypto key that leaves the background only wrapped for a backup
    expect(await popup.getByTestId('wallet-did').getAttribute('data-key-storage')).toBe('wrap-only');

    await startFromPopup(popup, interactionUrl);
    const present = await approvalPage(wallet, 'present');
    await expect.poll(() => present.getByTestId('exchange-origin').textContent()).toBe(new URL(service.baseUrl).origin);
    expect(await present.getByTestId('holder-did').textContent()).toBe(did);
    expect(await present.getByTestId('query').getAttribute('data-query-type')).toBe('DIDAuthentication');
    // plain words first: the site and what it wants; the DID method and proof suites one click away
    const site = new URL(service.baseUrl).host;
    expect(await present.getByTestId('approval-sentence').textContent()).toBe(`${site} wants to confirm this wallet is yours.`);
    expect(await present.getByTestId('query-title').textContent()).toBe('Confirm this wallet is yours');
    expect(await present.getByTestId('query').textContent()).not.toMatch(/did:key|eddsa/);
    expect(await present.getByTestId('query-technical').isVisible()).toBe(false);
    expect(await present.getByTestId('query-technical').textContent()).toMatch(/^\s*DIDAuthentication: Prove that you control a DID \(did:key\)/);
    expect(await present.getByTestId('domain-warning').count()).toBe(0);
    // nothing was sent before yes
    expect((await readServiceExchange(service, exchangeUrl)).exchange.variables.results?.ownerBinding).toBeUndefined();
    await present.getByTestId('approve').click();

    const accept = await approvalPage(wallet, 'accept');
    const offer = accept.getByTestId('offered-credential');
    await expect.poll(() => offer.getAttribute('data-storable')).toBe('true');
    expect(await offer.getByTestId('verification').getAttribute('data-verified')).toBe('true');
    expect(await offer.getByTestId('credential-name').textContent()).toBe('Product authenticity');
    await accept.getByTestId('approve').click();

    await expect.poll(() => historyItem(popup, 'complete').count(), { timeout: 20_000 }).toBe(1);
    await popup.getByTestId('tab-credentials').click();
    await expect.poll(() => popup.getByTestId('credential-item').count()).toBe(1);
    expect(await popup.getByTestId('credential-name').first().textContent()).toBe('Product authenticity');
    expect(await popup.getByTestId('credential-issuer').first().textContent()).toContain(service.issuer);

    const remote = await readServiceExchange(service, exchangeUrl);
    expect(remote.exchange.state).toBe('complete');
    expect(remote.exchange.variables.results.ownerBinding.did).toBe(did);

    // the detail view, then delete
    await popup.getByTestId('credential-item').first().click();
    await expect.poll(() => popup.getByTestId('credential-json').textContent()).toContain('ProductAuthenticityCredential');
    await popup.getByTestId('credential-delete').click();
    await popup.getByTestId('credential-delete-confirm').click();
    await expect.poll(() => popup.getByTestId('no-credentials').count()).toBe(1);
    expect(await readStore(popup, 'credentials')).toHaveLength(0);
    await popup.close();
    completedInteraction = interactionUrl;
  });

  test('decline: nothing is sent, the service exchange stays pending, the wallet shows declined', async () => {
    const { exchangeUrl, interactionUrl } = await newInteraction(service);
    const popup = await openPopup(wallet);
    await startFromPopup(popup, interactionUrl);
    const present = await approvalPage(wallet, 'present');
    await present.getByTestId('decline').click();
    await expect.poll(() => historyItem(popup, 'declined').count(), { timeout: 20_000 }).toBe(1);
    expect(await historyItem(popup, 'declined').getByTestId('exchange-phase').textContent()).toMatch(/nothing was sent/);

    const remote = await readServiceExchange(service, exchangeUrl);
    expect(['pending', 'active']).toContain(remote.exchange.state);
    expect(remote.exchange.variables.results?.ownerBinding).toBeUndefined();
    const exchangeId = await historyItem(popup, 'declined').getAttribute('data-exchange-id');
    const messages = (await readStore(popup, 'messages')).filter((m) => m.exchangeId === exchangeId);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.some((m) => m.method === 'POST' && JSON.stringify(m.requestBody ?? {}).includes('verifiablePresentation'))).toBe(false);
    await popup.close();
  });

  test('closing the approval window declines: nothing sent', async () => {
    const { exchangeUrl, interactionUrl } = await newInteraction(service);
    const popup = await openPopup(wallet);
    const before = await historyItem(popup, 'declined').count();
    await startFromPopup(popup, interactionUrl);
    const present = await approvalPage(wallet, 'present');
    await present.close();
    await expect.poll(() => historyItem(popup, 'declined').count(), { timeout: 20_000 }).toBe(before + 1);
    expect((await readServiceExchange(service, exchangeUrl)).exchange.variables.results?.ownerBinding).toBeUndefined();
    await popup.close();
  });

  test('a server error is shown with the server\'s own message (an already completed exchange)', async () => {
    expect(completedInteraction).toBeTruthy();
    const popup = await openPopup(wallet);
    await startFromPopup(popup, completedInteraction);
    const failed = historyItem(popup, 'failed');
    await expect.poll(() => failed.count(), { timeout: 20_000 }).toBe(1);
    const error = failed.getByTestId('exchange-error');
    expect(await error.getAttribute('data-error-name')).toBe('NotAllowedError');
    expect(await error.textContent()).toMatch(/HTTP 403.*: .+/s);
    await popup.close();
  });

  test('an expired exchange: the wallet shows the service\'s 404 and its message', async () => {
    const { exchangeUrl, interactionUrl } = await newInteraction(service, { ttl: 0.5 });
    await expect.poll(async () => (await readServiceExchange(service, exchangeUrl)).status, { timeout: 10_000 }).toBe(404);
    const popup = await openPopup(wallet);
    // the new failed item is found by its id: the list's order is not what this test is about
    const failedIds = () => historyItem(popup, 'failed').evaluateAll((items) => items.map((i) => i.getAttribute('data-exchange-id')));
    const before = await failedIds();
    await startFromPopup(popup, interactionUrl);
    await expect.poll(async () => (await failedIds()).length, { timeout: 20_000 }).toBe(before.length + 1);
    const fresh = (await failedIds()).find((id) => !before.includes(id));
    const error = popup.locator(`[data-testid="exchange-item"][data-exchange-id="${fresh}"]`).getByTestId('exchange-error');
    expect(await error.getAttribute('data-error-name')).toBe('NotFoundError');
    expect(await error.textContent()).toMatch(/HTTP 404.*: .+/s);
    await popup.close();
  });

  test('a malformed interaction URL is refused in the popup with a clear reason, nothing started', async () => {
    const popup = await openPopup(wallet);
    // count what the background stored, not the popup's list (which may still be loading)
    const before = (await readStore(popup, 'exchanges')).length;
    await startFromPopup(popup, 'https://shop.example/interactions/1?iuv=2');
    await expect.poll(() => popup.getByTestId('start-error').textContent()).toMatch(/iuv/);
    await startFromPopup(popup, 'http://shop.example/interactions/1?iuv=1');
    await expect.poll(() => popup.getByTestId('start-error').getAttribute('data-error-name')).toBe('NotAllowedError');
    expect((await readStore(popup, 'exchanges')).length).toBe(before);
    await popup.close();
  });

  test('the worker stopped while the approval is pending: the exchange resumes, nothing lost or duplicated', async () => {
    const { exchangeUrl, interactionUrl } = await newInteraction(service);
    const popup = await openPopup(wallet);
    const did = await walletDid(popup);
    const credentialsBefore = (await readStore(popup, 'credentials')).length;
    await startFromPopup(popup, interactionUrl);
    const present = await approvalPage(wallet, 'present');
    const approvalId = new URL(present.url()).searchParams.get('id')!;
    const exchangeId = approvalId.split('.')[0];

    await stopServiceWorker(wallet, popup);
    // the answer wakes a fresh worker, which reads the exchange back from IndexedDB
    await present.getByTestId('approve').click();
    const accept = await approvalPage(wallet, 'accept', { exchangeId });
    await accept.getByTestId('approve').click();

    await expect.poll(async () => (await readStore(popup, 'exchanges')).find((e) => e.id === exchangeId)?.status, { timeout: 20_000 }).toBe('complete');
    const remote = await readServiceExchange(service, exchangeUrl);
    expect(remote.exchange.state).toBe('complete');
    expect(remote.exchange.variables.results.ownerBinding.did).toBe(did);
    expect((await readStore(popup, 'credentials')).length).toBe(credentialsBefore + 1);
    expect((await readStore(popup, 'approvals')).filter((a) => a.exchangeId === exchangeId)).toHaveLength(2);
    const posts = (await readStore(popup, 'messages')).filter((m) => m.exchangeId === exchangeId && m.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((m) => m.seq)).size).toBe(2);
    await popup.close();
  });
});
