// OpenID4VCI offers found as QR codes on a web page, end to end in the built extension against the
// local workflow service's OpenID4VCI endpoints: the page scanner decodes the QR image, the popup
// lists it as an OpenID4VCI offer, Start runs it → (PIN) → the credential verified before the user
// is asked → stored. By value, by reference, and with a PIN; a wrong PIN is refused by name with
// nothing stored; the worker stopped while the issued credential waits for a yes resumes the same
// question, and the credential is stored once and issued once. Last, an issuer offering only the
// authorization-code grant: its sign-in runs in browser.identity.launchWebAuthFlow.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkflowService } from '../../workflow-service';
import { createExchange, request } from '../../workflow-service/testing/holder';
import { launchWallet, type WalletBrowser } from './support/browser';
import { readServiceExchange, startService } from './support/service';
import { approvalPage, openPopup, readStore, startFromPopup, stopServiceWorker } from './support/wallet-pages';
import { startTestIssuer } from '../../utils/oid4vci/testing/issuer';
import { badgeText, html, openPage, openScanPopup, qrPng, startPageServer, type PageServer } from './scan-support';

let wallet: WalletBrowser;
let service: WorkflowService;
let site: PageServer;

beforeAll(async () => {
  [wallet, service, site] = await Promise.all([launchWallet(), startService(), startPageServer()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  await site?.close();
});

let pages = 0;
const SHOTS = process.env.WALLET_SHOTS_DIR;

/** A new OID4VCI exchange on the service: its offer link by reference, and the offer JSON. */
async function offer(oid4vci: unknown) {
  const exchangeUrl = await createExchange({
    workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token,
    variables: { subject: 'did:example:bag-qr', sku: 'HB-QR', oid4vci },
  });
  const byReference = (await request({ url: `${exchangeUrl}/protocols` })).body.protocols.OID4VCI as string;
  expect(byReference).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
  return { exchangeUrl, byReference };
}

async function byValueOf(exchangeUrl: string) {
  const json = (await request({ url: `${exchangeUrl}/openid/credential-offer` })).body;
  expect(json['credential_issuer']).toBeTruthy();
  return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(json))}`;
}

/** A shop-like page with the offer as a QR image → badge 1 → the popup lists it as an OpenID4VCI offer → Start. */
async function startFromQr(link: string): Promise<Page> {
  const path = `/offer-${++pages}`;
  const qr = site.set(`${path}/qr.png`, await qrPng(link, { width: 320 }));
  const url = site.set(path, html(`
    <h1>Your bag's certificate</h1>
    <p>Scan this code with an OpenID4VCI wallet to receive it.</p>
    <img src="${qr}" alt="Credential offer" width="320" height="320">`));
  const { tabId } = await openPage(wallet, url);
  await expect.poll(() => badgeText(wallet, tabId), { timeout: 20_000 }).toBe('1');
  const popup = await openScanPopup(wallet, tabId);
  const item = popup.getByTestId('found-item');
  await expect.poll(() => item.count()).toBe(1);
  expect(await item.getAttribute('data-kind')).toBe('oid4vci-offer');
  expect(await item.textContent()).toMatch(/OpenID4VCI credential offer[\s\S]*via image/);
  await item.getByTestId('found-start').click();
  return popup;
}

async function credentialCount(popup: Page) {
  return (await readStore(popup, 'credentials')).length;
}

/** The accept window: the credential verified before asking, nothing stored before yes; yes → stored. */
async function acceptAndWait(popup: Page, before: number) {
  const accept = await approvalPage(wallet, 'accept');
  const offered = accept.getByTestId('offered-credential');
  await expect.poll(() => offered.getAttribute('data-storable')).toBe('true');
  expect(await offered.getByTestId('verification').getAttribute('data-verified')).toBe('true');
  expect(await credentialCount(popup)).toBe(before);
  await accept.getByTestId('approve').click();
  await expect.poll(() => credentialCount(popup), { timeout: 20_000 }).toBe(before + 1);
}

async function exchangeRecordOf(popup: Page, offerUrl: string) {
  return (await readStore(popup, 'exchanges')).find((r) => r.state?.offerUrl === offerUrl);
}

test('an offer by reference with a PIN, as a QR code on a page → PIN → verified → stored', async () => {
  const { exchangeUrl, byReference } = await offer({ txCode: '731904', txCodeDescription: 'The code printed on your receipt' });
  const popup = await startFromQr(byReference);
  const before = await credentialCount(popup);
  const pin = await approvalPage(wallet, 'pin');
  await expect.poll(() => pin.getByTestId('tx-code-description').textContent()).toContain('printed on your receipt');
  await pin.getByTestId('tx-code-input').fill('731904');
  await pin.getByTestId('approve').click();
  await acceptAndWait(popup, before);
  expect((await readServiceExchange(service, exchangeUrl)).exchange.state).toBe('complete');
  const record = await exchangeRecordOf(popup, byReference);
  expect(record).toMatchObject({ source: 'qr', pageOrigin: site.origin, status: 'complete' });
  expect(record.state.source).toBe('reference');
  await popup.close();
}, 120_000);

test('an offer by value (no PIN), as a QR code on a page → verified → stored', async () => {
  const { exchangeUrl } = await offer(true);
  const byValue = await byValueOf(exchangeUrl);
  const popup = await startFromQr(byValue);
  const before = await credentialCount(popup);
  await acceptAndWait(popup, before);
  expect((await readServiceExchange(service, exchangeUrl)).exchange.state).toBe('complete');
  const record = await exchangeRecordOf(popup, byValue);
  expect(record).toMatchObject({ source: 'qr', status: 'complete' });
  expect(record.state.source).toBe('value');
  const messages = (await readStore(popup, 'messages')).filter((m) => m.exchangeId === record.id);
  expect(messages.map((m) => m.kind)).not.toContain('offer'); // by value: nothing fetched for the offer
  await popup.close();
}, 120_000);

test('a wrong PIN from a QR offer is refused by name in the approval window; nothing stored, nothing issued', async () => {
  const { exchangeUrl, byReference } = await offer({ txCode: '5555' });
  const popup = await startFromQr(byReference);
  const before = await credentialCount(popup);
  const pin = await approvalPage(wallet, 'pin');
  await pin.getByTestId('tx-code-input').fill('1234');
  await pin.getByTestId('approve').click();
  const progress = pin.getByTestId('approval-exchange');
  await expect.poll(() => progress.getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
  const error = pin.getByTestId('exchange-error');
  expect(await error.getAttribute('data-error-name')).toBe('NotAllowedError');
  expect(await error.textContent()).toMatch(/transaction code/);
  expect(await credentialCount(popup)).toBe(before);
  const remote = (await readServiceExchange(service, exchangeUrl)).exchange;
  expect(remote.state).toBe('pending');
  expect(remote.variables.results ?? {}).toEqual({});
  const record = await exchangeRecordOf(popup, byReference);
  const kinds = (await readStore(popup, 'messages')).filter((m) => m.exchangeId === record.id).map((m) => m.kind);
  expect(kinds).not.toContain('credential'); // no proof, no credential request
  await popup.close();
}, 120_000);

test('the worker stopped while the issued credential waits for a yes: the same question comes back; stored once, issued once', async () => {
  const { exchangeUrl, byReference } = await offer(true);
  const popup = await startFromQr(byReference);
  const before = await credentialCount(popup);
  const first = await approvalPage(wallet, 'accept');
  const id = new URL(first.url()).searchParams.get('id');
  await expect.poll(() => first.getByTestId('offered-credential').getAttribute('data-storable')).toBe('true');
  expect((await readServiceExchange(service, exchangeUrl)).exchange.state).toBe('complete'); // issued, not yet kept

  await stopServiceWorker(wallet, popup);
  await first.reload();
  const again = await approvalPage(wallet, 'accept');
  expect(new URL(again.url()).searchParams.get('id')).toBe(id);
  await expect.poll(() => again.getByTestId('offered-credential').getAttribute('data-storable')).toBe('true');
  expect(await credentialCount(popup)).toBe(before);
  await again.getByTestId('approve').click();
  await expect.poll(() => credentialCount(popup), { timeout: 20_000 }).toBe(before + 1);
  const record = await exchangeRecordOf(popup, byReference);
  await expect.poll(async () => (await exchangeRecordOf(popup, byReference)).status, { timeout: 20_000 }).toBe('complete');
  const kinds = (await readStore(popup, 'messages')).filter((m) => m.exchangeId === record.id).map((m) => m.kind);
  expect(kinds.filter((k) => k === 'credential')).toHaveLength(1); // the credential was asked for once
  expect(kinds.filter((k) => k === 'token')).toHaveLength(1);
  await popup.close();
}, 120_000);

test('an offer with only the authorization-code grant: the issuer\'s sign-in runs in launchWebAuthFlow, then verified → stored', async () => {
  const issuer = await startTestIssuer();
  try {
    const popup = await openPopup(wallet);
    const before = await credentialCount(popup);
    const link = issuer.offerLink();
    await startFromPopup(popup, link);
    await acceptAndWait(popup, before);
    const authorize = issuer.seen.find((s) => s.path.startsWith('/authorize?'))!;
    const params = new URL(authorize.path, issuer.url).searchParams;
    expect(params.get('redirect_uri')).toBe(`https://${wallet.extensionId}.chromiumapp.org/oid4vci`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(issuer.issued).toBe(1);
    const record = await exchangeRecordOf(popup, link);
    expect(record.status).toBe('complete');
    expect(JSON.stringify(record.state)).not.toMatch(/code_verifier|"pkce"/);
    await popup.close();
  } finally {
    await issuer.close();
  }
}, 120_000);

test('an interaction URL offering VC-API and OpenID4VCI: the popup runs VC-API, shows OpenID4VCI, and the user switches to it', async () => {
  const { exchangeUrl } = await offer(true);
  const popup = await openPopup(wallet);
  const did = (await popup.getByTestId('wallet-did').textContent())!.trim();
  const before = await credentialCount(popup);
  await startFromPopup(popup, `${exchangeUrl}?iuv=1`);
  const present = await approvalPage(wallet, 'present'); // VC-API first: its DID authentication
  const item = popup.getByTestId('exchange-item').filter({ has: popup.locator('[data-protocol="oid4vci"]') }).first();
  await expect.poll(() => item.getAttribute('data-protocol')).toBe('vcapi');
  expect(await item.getByTestId('exchange-protocols').textContent()).toMatch(/vcapi, OID4VCI \(running VC-API\)/);
  const switchButton = item.getByTestId('switch-protocol');
  expect(await switchButton.textContent()).toMatch(/Use OpenID4VCI instead/);
  if (SHOTS) await popup.screenshot({ path: `${SHOTS}/popup-switch-protocol.png` });
  await switchButton.click();
  // the VC-API question is declined (nothing sent), the same interaction runs as OpenID4VCI
  await expect.poll(() => present.getByTestId('approval').getAttribute('data-status'), { timeout: 20_000 }).not.toBe('pending');
  await acceptAndWait(popup, before);
  const remote = (await readServiceExchange(service, exchangeUrl)).exchange;
  expect(remote.state).toBe('complete');
  expect(remote.variables.results.ownerBinding.did).toBe(did);
  const records = (await readStore(popup, 'exchanges')).filter((r) => (r.state.interactionUrls ?? []).includes(`${exchangeUrl}?iuv=1`) || r.state.interactionUrl === `${exchangeUrl}?iuv=1`);
  expect(records.map((r) => [r.state.protocol ?? 'vcapi', r.status]).sort()).toEqual([['oid4vci', 'complete'], ['vcapi', 'declined']]);
  await popup.close();
}, 120_000);
