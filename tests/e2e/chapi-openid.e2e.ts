// CHAPI get() in Chromium with the built extension, for issue 10: a page whose get() offers only
// an OID4VP protocol (the local workflow service's openid4vp:// request for a verification
// workflow) runs it through the wallet's OID4VP engine — the consent names the page and the
// verifier, the verifier's request shows in the same window with the matching credential, and
// the service records a valid presentation; the page gets OutOfBand. And a DIDAuthentication
// accepting only ecdsa-rdfc-2019 is signed by the second (P-256) holder key, which the approval
// names. WALLET_SHOTS_DIR=dir saves the approval windows as PNGs.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkflowService } from '../../workflow-service';
import { verifyPresentation } from '../../utils/crypto';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, newOid4vpRequest, readServiceExchange, startService } from './support/service';
import { openPopup, receiveFromPopup, walletDid } from './support/wallet-pages';
import { chapiApproval, exchangeApproval, inPage, openPage, startSite, type ChapiSite } from './chapi-site';

let wallet: WalletBrowser;
let service: WorkflowService;
let site: ChapiSite;

async function shot(page: Page, name: string) {
  const dir = process.env.WALLET_SHOTS_DIR;
  if (!dir) return;
  await page.getByTestId('technical-details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  [wallet, service, site] = await Promise.all([launchWallet(), startService(), startSite()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  await site?.close();
});

test('a page\'s get() offering only OID4VP: approval names the page and the verifier; the verifier records a valid presentation', async () => {
  // a credential to present: the provenance exchange, run from the popup
  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  await receiveFromPopup(wallet, popup, (await newInteraction(service)).interactionUrl);

  const { exchangeUrl: verification, link } = await newOid4vpRequest(service);
  expect(link).toMatch(/^openid4vp:\/\/\?client_id=redirect_uri/);
  const serviceOrigin = new URL(service.baseUrl).origin;

  const page = await openPage(wallet.context, site.url('/shop'));
  const pending = inPage(page, `navigator.credentials.get({web: {VerifiablePresentation: {}, protocols: {OID4VP: ${JSON.stringify(link)}}}})`);

  const consent = await chapiApproval(wallet, 'present', { origin: serviceOrigin });
  expect(await consent.getByTestId('approval-sentence').textContent()).toContain(`${new URL(site.origin).host} wants this wallet to talk to ${new URL(serviceOrigin).host}`);
  expect(await consent.getByTestId('page-origin').textContent()).toContain(site.origin);
  expect(await consent.getByTestId('query-technical').textContent()).toMatch(/OpenID4VP presentation request from the verifier at/);
  await shot(consent, 'chapi-oid4vp-consent');
  await consent.getByTestId('approve').click();

  // the verifier's own request, in the same window: the verifier (an unsigned redirect_uri: client), the page, the credential
  const present = await exchangeApproval(wallet, 'present');
  expect(present).toBe(consent);
  expect(await present.getByTestId('exchange-origin').textContent()).toBe(serviceOrigin);
  expect(await present.getByTestId('verifier').textContent()).toMatch(/OpenID4VP verifier known only by its web address/);
  expect(await present.getByTestId('page-origin').textContent()).toContain(site.origin);
  const candidate = present.getByTestId('candidate');
  expect(await candidate.count()).toBe(1);
  expect(await candidate.isChecked()).toBe(true);
  await shot(present, 'chapi-oid4vp-request');
  await present.getByTestId('approve').click();

  expect(await pending).toMatchObject({ ok: true, value: { type: 'web', dataType: 'OutOfBand', data: null } });
  const { exchange } = await readServiceExchange(service, verification);
  expect(exchange.state).toBe('complete');
  const result = exchange.variables.results.presentProvenance;
  expect(result.did).toBe(did);
  expect(result.verifiablePresentation.verifiableCredential[0].type).toContain('ProductAuthenticityCredential');
  await Promise.all([page.close(), popup.close()]);
}, 180_000);

test('a DIDAuthentication accepting only ecdsa-rdfc-2019: the approval names the P-256 DID, which signs; no suite the wallet has → NotSupportedError, no window', async () => {
  // windows of the first test that may still be open (ended exchanges): not this test's
  await Promise.all(wallet.context.pages().filter((p) => p.url().includes('/approval.html')).map((p) => p.close()));
  const popup = await openPopup(wallet);
  const primary = await walletDid(popup);
  const page = await openPage(wallet.context, site.url('/'));
  const didAuth = (suite: string, challenge: string) =>
    `navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication', acceptedMethods: [{method: 'key'}], ` +
    `acceptedCryptosuites: [{cryptosuite: '${suite}'}]}, challenge: '${challenge}', domain: location.host}}})`;

  const refused = await inPage(page, didAuth('bbs-2023', 'p256-none'));
  expect(refused).toMatchObject({ ok: false, name: 'NotSupportedError', message: expect.stringMatching(/bbs-2023/) });
  expect(wallet.context.pages().filter((p) => p.url().includes('/approval.html'))).toEqual([]);

  const pending = inPage<{ data: Record<string, any> }>(page, didAuth('ecdsa-rdfc-2019', 'p256-e2e'));
  const approval = await chapiApproval(wallet, 'present', { origin: site.origin });
  const signer = (await approval.getByTestId('holder-did').textContent())!.trim();
  expect(signer).toMatch(/^did:key:zDna/);
  expect(signer).not.toBe(primary);
  expect(await approval.getByTestId('cryptosuite').textContent()).toBe('ecdsa-rdfc-2019');
  expect(await approval.getByTestId('blockers').count()).toBe(0);
  expect(await approval.getByTestId('present-intro').textContent()).toContain('second key (P-256');
  await shot(approval, 'chapi-p256-didauth');
  await approval.getByTestId('approve').click();

  const answer = await pending;
  expect(answer.ok).toBe(true);
  const vp = (answer as { value: { data: Record<string, any> } }).value.data;
  expect(vp.holder).toBe(signer);
  expect(vp.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', challenge: 'p256-e2e' });
  expect((await verifyPresentation({ presentation: vp, challenge: 'p256-e2e', domain: new URL(site.origin).host })).verified).toBe(true);
  await Promise.all([page.close(), popup.close()]);
}, 120_000);
