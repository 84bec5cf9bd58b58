// OpenID4VCI end to end: the built extension in headless Chromium against the local workflow
// service's OpenID4VCI endpoints. An offer pasted in the popup (by reference with a PIN, and by
// value) → the PIN asked in the approval window with the issuer's words → the credential verified
// before the user is asked → stored; the worker stopped while the PIN is asked resumes.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { createExchange, request } from '../../workflow-service/testing/holder';
import { launchWallet, type WalletBrowser } from './support/browser';
import { readServiceExchange, startService } from './support/service';
import { approvalPage, openPopup, readStore, startFromPopup, stopServiceWorker, walletDid } from './support/wallet-pages';

let wallet: WalletBrowser;
let service: WorkflowService;
const SHOTS = process.env.WALLET_SHOTS_DIR;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
});

async function offer(oid4vci: unknown) {
  const exchangeUrl = await createExchange({
    workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token,
    variables: { subject: 'did:example:bag-77', sku: 'HB-77', oid4vci },
  });
  const offerUrl = (await request({ url: `${exchangeUrl}/protocols` })).body.protocols.OID4VCI as string;
  return { exchangeUrl, offerUrl };
}

async function acceptAndWait(popup: import('playwright-core').Page, count: number) {
  const accept = await approvalPage(wallet, 'accept');
  const offered = accept.getByTestId('offered-credential');
  await expect.poll(() => offered.getAttribute('data-storable')).toBe('true');
  expect(await offered.getByTestId('verification').getAttribute('data-verified')).toBe('true');
  expect(await readStore(popup, 'credentials')).toHaveLength(count - 1); // nothing stored before yes
  await accept.getByTestId('approve').click();
  await expect.poll(async () => (await readStore(popup, 'credentials')).length, { timeout: 20_000 }).toBe(count);
}

test('an offer by reference with a PIN: asked in the approval window, then verified and stored', async () => {
  const { exchangeUrl, offerUrl } = await offer({ txCode: '493817', txCodeDescription: 'The 6-digit code in your receipt e-mail' });
  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  await startFromPopup(popup, offerUrl);
  const pin = await approvalPage(wallet, 'pin');
  await expect.poll(() => pin.getByTestId('tx-code-description').textContent()).toContain('receipt e-mail');
  expect(await pin.getByTestId('tx-code-input').getAttribute('maxlength')).toBe('6');
  expect(await pin.getByTestId('approve').isDisabled()).toBe(true); // no code yet
  await pin.getByTestId('tx-code-input').fill('493817');
  if (SHOTS) await pin.screenshot({ path: `${SHOTS}/oid4vci-pin.png` });
  await pin.getByTestId('approve').click();
  await acceptAndWait(popup, 1);
  const remote = await readServiceExchange(service, exchangeUrl);
  expect(remote.exchange.state).toBe('complete');
  expect(remote.exchange.variables.results.ownerBinding.did).toBe(did);
  const messages = await readStore(popup, 'messages');
  expect(messages.map((m) => m.kind)).toEqual(expect.arrayContaining(['offer', 'metadata', 'token', 'nonce', 'credential']));
  expect(JSON.stringify(messages)).not.toContain('493817');
  await popup.close();
});

test('an offer by value, and the worker stopped while the PIN is asked resumes the same question', async () => {
  const { exchangeUrl } = await offer({ txCode: '2580' });
  const json = (await request({ url: `${exchangeUrl}/openid/credential-offer` })).body;
  const byValue = `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(json))}`;
  const popup = await openPopup(wallet);
  await startFromPopup(popup, byValue);
  const first = await approvalPage(wallet, 'pin');
  const id = new URL(first.url()).searchParams.get('id');
  await stopServiceWorker(wallet, popup);
  await first.reload();
  const again = await approvalPage(wallet, 'pin');
  expect(new URL(again.url()).searchParams.get('id')).toBe(id);
  await again.getByTestId('tx-code-input').fill('2580');
  await again.getByTestId('approve').click();
  await acceptAndWait(popup, 2);
  expect((await readServiceExchange(service, exchangeUrl)).exchange.state).toBe('complete');
  await popup.close();
});
