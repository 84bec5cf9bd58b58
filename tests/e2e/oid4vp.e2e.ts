// OpenID4VP in the built extension, against the local workflow service: after a credential is
// stored (the provenance exchange), the verification workflow's openid4vp:// link (DCQL query,
// request_uri_method=post) is pasted; the approval window names the verifier by its origin (an
// unsigned redirect_uri: verifier) and lists the matching credential; the service records a valid
// presentation and the transcript shows the decoded request object.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { EXTENSION_DIR, launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, newOid4vpRequest, readServiceExchange, startService } from './support/service';
import { approvalPage, receiveFromPopup, openPopup, readStore, startFromPopup, stopServiceWorker, walletDid } from './support/wallet-pages';

let wallet: WalletBrowser;
let service: WorkflowService;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
});

test('an OID4VP request with a DCQL query: approval shows the verifier and the credential, the verifier records the presentation', async () => {
  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  await receiveFromPopup(wallet, popup, (await newInteraction(service)).interactionUrl);

  const { exchangeUrl: verification, link } = await newOid4vpRequest(service);
  expect(link).toMatch(/^openid4vp:\/\/\?client_id=redirect_uri/);
  await startFromPopup(popup, link);
  const present = await approvalPage(wallet, 'present');
  expect(await present.getByTestId('exchange-origin').textContent()).toContain(new URL(service.baseUrl).origin);
  expect(await present.getByTestId('verifier').textContent()).toMatch(/known only by its web address/);
  const candidate = present.getByTestId('candidate');
  expect(await candidate.count()).toBe(1);
  expect(await candidate.isChecked()).toBe(true);
  await present.getByTestId('approve').click();

  await expect.poll(async () => (await readServiceExchange(service, verification)).exchange?.state, { timeout: 30_000 }).toBe('complete');
  const { exchange } = await readServiceExchange(service, verification);
  expect(exchange.variables.results.presentProvenance.did).toBe(did);
  expect(exchange.variables.results.presentProvenance.verifiablePresentation.verifiableCredential[0].type).toContain('ProductAuthenticityCredential');
  await expect.poll(() => present.getByTestId('approval-exchange').getAttribute('data-status'), { timeout: 20_000 }).toBe('complete');
  const messages = await readStore(popup, 'messages');
  const mine = messages.filter((m) => m.kind === 'oid4vp-request' || m.kind === 'oid4vp-response');
  expect(mine.map((m) => m.kind)).toEqual(['oid4vp-request', 'oid4vp-response']);
  expect(mine[0].decoded).toMatchObject({ format: 'jwt', payload: { response_type: 'vp_token', dcql_query: { credentials: [expect.anything()] } } });
}, 180_000);

test('the OpenID libraries are not in background.js; after Chromium stopped the worker, an OID4VP request loads them and completes (issue 9, item 6)', async () => {
  // markers of pkijs (an RSA object identifier) and zod (its error class): in the script the
  // worker loads on first use, not in the one every worker start parses
  const background = await readFile(join(EXTENSION_DIR, 'background.js'), 'utf8');
  const libs = await readFile(join(EXTENSION_DIR, 'openid-libs.js'), 'utf8');
  for (const marker of ['1.2.840.113549', 'ZodError']) {
    expect(libs).toContain(marker);
    expect(background).not.toContain(marker);
  }
  const popup = await openPopup(wallet); // the first test stored a credential in this wallet
  await stopServiceWorker(wallet, popup);
  const { exchangeUrl: verification, link } = await newOid4vpRequest(service);
  await startFromPopup(popup, link);
  const present = await approvalPage(wallet, 'present');
  expect(await present.getByTestId('candidate').count()).toBe(1);
  await present.getByTestId('approve').click();
  await expect.poll(async () => (await readServiceExchange(service, verification)).exchange?.state, { timeout: 30_000 }).toBe('complete');
}, 120_000);
