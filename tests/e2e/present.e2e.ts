// Presenting a stored credential: after the provenance exchange stores one, a verifier asks for
// it with a QueryByExample (plus DID authentication). The approval lists it to choose, with the
// verifier's reason; the VP that arrives holds it and verifies with the request's challenge and domain.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyPresentation } from '../../utils/crypto';
import { startScriptedServer, type ScriptedServer } from '../../utils/vcalm/test-support/scripted-server';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, startService } from './support/service';
import { approvalPage, receiveFromPopup, openPopup, startFromPopup, walletDid } from './support/wallet-pages';

let wallet: WalletBrowser;
let service: WorkflowService;
let verifier: ScriptedServer;

beforeAll(async () => {
  [wallet, service, verifier] = await Promise.all([
    launchWallet(),
    startService(),
    startScriptedServer({
      routes: {
        'GET /i?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }),
        'POST /x': (req, self) =>
          (req.body as Record<string, unknown>)?.verifiablePresentation
            ? { json: {} }
            : {
                json: {
                  verifiablePresentationRequest: {
                    query: [
                      { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] },
                      {
                        type: 'QueryByExample',
                        credentialQuery: { reason: 'Prove you own the bag to register it.', example: { type: 'ProductAuthenticityCredential' } },
                      },
                    ],
                    challenge: 'present-challenge',
                    domain: self.url,
                  },
                },
              },
      },
    }),
  ]);
});
afterAll(async () => {
  await wallet?.close();
  await verifier?.close();
  await service?.close();
});

test('a stored credential is chosen in the approval window and presented', async () => {
  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  // get a credential first
  await receiveFromPopup(wallet, popup, (await newInteraction(service)).interactionUrl);

  await startFromPopup(popup, `${verifier.url}/i?iuv=1`);
  const present = await approvalPage(wallet, 'present');
  const qbe = present.locator('[data-testid="query"][data-query-type="QueryByExample"]');
  expect(await qbe.getByTestId('query-reason').textContent()).toContain('Prove you own the bag');
  const candidate = qbe.getByTestId('candidate');
  expect(await candidate.count()).toBe(1);
  expect(await candidate.isChecked()).toBe(true); // the one that fits is preselected
  await present.getByTestId('approve').click();

  await expect.poll(() => verifier.seen.some((s) => (s.body as Record<string, unknown>)?.verifiablePresentation), { timeout: 20_000 }).toBe(true);
  const sent = verifier.seen.find((s) => (s.body as Record<string, unknown>)?.verifiablePresentation)!;
  const vp = (sent.body as { verifiablePresentation: Record<string, any> }).verifiablePresentation;
  expect(vp.verifiableCredential).toHaveLength(1);
  expect(vp.verifiableCredential[0].type).toContain('ProductAuthenticityCredential');
  const checked = await verifyPresentation({ presentation: vp, challenge: 'present-challenge', domain: verifier.url });
  expect(checked).toMatchObject({ verified: true, holder: did });
  await expect.poll(() => present.getByTestId('approval-exchange').getAttribute('data-status')).toBe('complete');
});
