// CHAPI through the extension, end to end: pages on 127.0.0.1 call navigator.credentials.get /
// store; the wallet's approval window names the page's origin (from the browser); the answer
// reaches only the asking page. Also: the exchange a request names, a lying page, two tabs, a
// page that navigates away, malformed calls, the CHAPI polyfill, and pages that try the
// extension's internal messages.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkflowService } from '../../workflow-service';
import { generateDidKey, issueCredential, verifyPresentation } from '../../utils/crypto';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { approvalPage, openPopup, readStore, walletDid } from './support/wallet-pages';
import { approvalIdOf, chapiApproval, inPage, openPage, startSite, type ChapiSite } from './chapi-site';

let wallet: WalletBrowser;
let service: WorkflowService;
let site: ChapiSite;
let otherSite: ChapiSite;
let popup: Page;
let did: string;
let credential: Record<string, unknown>;
let tampered: Record<string, unknown>;

beforeAll(async () => {
  [wallet, service, site, otherSite] = await Promise.all([launchWallet(), startService(), startSite(), startSite()]);
  popup = await openPopup(wallet);
  did = await walletDid(popup);
  const issuer = await generateDidKey({ extractable: true });
  credential = (await issueCredential({
    key: issuer,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      validFrom: '2025-01-01T00:00:00Z',
      name: 'CHAPI test credential',
      credentialSubject: { id: did, name: 'Stored through CHAPI' },
    },
  })) as Record<string, unknown>;
  tampered = { ...credential, credentialSubject: { id: did, name: 'Changed after signing' } };
});
afterAll(async () => {
  await wallet?.close();
  await Promise.all([service?.close(), site?.close(), otherSite?.close()]);
});

const host = (s: ChapiSite) => new URL(s.origin).hostname;
const didAuthGet = ({ challenge, domain }: { challenge: string; domain: string }) =>
  `navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication', acceptedMethods: [{method: 'key'}]}, challenge: ${JSON.stringify(challenge)}, domain: ${JSON.stringify(domain)}}}})`;
const storeCall = (vcs: unknown[]) =>
  `navigator.credentials.store(new WebCredential('VerifiablePresentation', {'@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: ${JSON.stringify(vcs)}}))`;

async function decisionOf(approvalId: string) {
  const approvals = await readStore(popup, 'approvals');
  return approvals.find((a) => a.id === approvalId)?.decision;
}

describe('get()', () => {
  test('approve: the window names the page origin; the page gets a VP signed with its challenge and domain', async () => {
    const page = await openPage(wallet.context, site.url());
    const result = inPage<{ type: string; dataType: string; data: any }>(page, didAuthGet({ challenge: 'chapi-e2e-1', domain: host(site) }));
    const approval = await chapiApproval(wallet, 'present');
    expect(await approval.getByTestId('exchange-origin').textContent()).toBe(site.origin);
    expect(await approval.getByTestId('page-origin').textContent()).toContain(site.origin);
    expect(await approval.getByTestId('query').getAttribute('data-query-type')).toBe('DIDAuthentication');
    expect(await approval.getByTestId('holder-did').textContent()).toBe(did);
    expect(await approval.getByTestId('domain-warning').count()).toBe(0);
    await approval.getByTestId('approve').click();

    const answer = await result;
    expect(answer.ok).toBe(true);
    const credentialResult = (answer as { value: { type: string; dataType: string; data: any } }).value;
    expect(credentialResult).toMatchObject({ type: 'web', dataType: 'VerifiablePresentation' });
    expect(credentialResult.data.holder).toBe(did);
    const check = await verifyPresentation({ presentation: credentialResult.data, challenge: 'chapi-e2e-1', domain: host(site) });
    expect(check.errors).toEqual([]);
    expect(check.verified).toBe(true);
    await expect.poll(() => approval.isClosed()).toBe(true);
    await page.close();
  });

  test('decline → null; closing the window → null', async () => {
    const page = await openPage(wallet.context, site.url());
    const declined = inPage(page, didAuthGet({ challenge: 'chapi-e2e-2', domain: host(site) }));
    const first = await chapiApproval(wallet, 'present');
    const firstId = approvalIdOf(first);
    await first.getByTestId('decline').click();
    expect(await declined).toEqual({ ok: true, value: null });
    expect(await decisionOf(firstId)).toMatchObject({ approved: false });

    const closed = inPage(page, didAuthGet({ challenge: 'chapi-e2e-3', domain: host(site) }));
    const second = await chapiApproval(wallet, 'present', { not: [first] });
    await second.close();
    expect(await closed).toEqual({ ok: true, value: null });
    await page.close();
  });
});
