// A presentation request for a stored credential: the approval lists it as fitting, the user's
// choice is checked against what was offered, and the VP sent carries it with the request's
// challenge and domain. The verifier is a scripted local server (the workflow service only asks
// for DID authentication).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDidKey, issueCredential, verifyCredential, verifyPresentation } from '../crypto';
import { credentialRecordId } from '../db';
import { startScriptedServer, type ScriptedServer } from '../vcalm/test-support/scripted-server';
import { createExchangeRunner } from './exchange-runner';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';

let verifier: ScriptedServer;

beforeAll(async () => {
  verifier = await startScriptedServer({
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
                      credentialQuery: [{ reason: 'Show that you own the bag.', example: { type: 'ProductAuthenticityCredential' } }],
                    },
                  ],
                  challenge: 'challenge-123',
                  domain: self.url,
                },
              },
            },
    },
  });
});
afterAll(async () => verifier?.close());

async function setup() {
  const t = createTestContext();
  const runner = createExchangeRunner(t.ctx);
  const db = await t.ctx.db;
  const holder = await t.ctx.key();
  const issuer = await generateDidKey({ extractable: true });
  const credential = (await issueCredential({
    key: issuer,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', { ProductAuthenticityCredential: 'urn:test:ProductAuthenticityCredential' }],
      type: ['VerifiableCredential', 'ProductAuthenticityCredential'],
      issuer: issuer.did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: holder.did },
    },
  })) as Record<string, unknown>;
  const id = await credentialRecordId({ credential });
  await db.credentials.put({ id, credential, verification: await verifyCredential({ credential }), source: { kind: 'import' } });
  return { ...t, runner, db, holder, id };
}

async function presentApproval(t: Awaited<ReturnType<typeof setup>>) {
  const started = await t.runner.start({ url: `${verifier.url}/i?iuv=1`, source: 'page', pageOrigin: 'http://127.0.0.1:8123' });
  await expect.poll(() => t.shown.find((s) => s.exchangeId === started.id)).toBeTruthy();
  const approval = (await t.db.approvals.get({ id: t.shown.find((s) => s.exchangeId === started.id)!.approvalId })) as WalletApproval;
  return { started, approval };
}

test('the fitting credential is offered, chosen, and sent in a VP bound to the challenge and domain', async () => {
  const t = await setup();
  const seenBefore = verifier.seen.length;
  const { started, approval } = await presentApproval(t);
  const view = approval.payload.view;
  expect(view.requester).toMatchObject({ pageOrigin: 'http://127.0.0.1:8123', source: 'page' });
  expect(view.domainWarning).toBeUndefined();
  const qbe = view.queries!.find((q) => q.type === 'QueryByExample')!;
  expect(qbe).toMatchObject({ key: '1.0', reason: 'Show that you own the bag.' });
  expect(qbe.candidates).toEqual([expect.objectContaining({ credentialId: t.id, fits: true })]);

  await t.runner.answer({ id: approval.id, approve: true, selections: [{ key: '1.0', credentialIds: [t.id] }] });
  await expect.poll(async () => ((await t.db.exchanges.get({ id: started.id })) as WalletExchange).status).toBe('complete');
  const sent = verifier.seen.slice(seenBefore).find((s) => (s.body as Record<string, unknown>)?.verifiablePresentation);
  const vp = (sent!.body as { verifiablePresentation: Record<string, unknown> }).verifiablePresentation;
  expect((vp.verifiableCredential as unknown[]).length).toBe(1);
  const checked = await verifyPresentation({ presentation: vp, challenge: 'challenge-123', domain: verifier.url });
  expect(checked.verified).toBe(true);
  expect(checked.holder).toBe(t.holder.did);
});

test('a credential that was not offered for the query is refused and nothing is sent', async () => {
  const t = await setup();
  const { started, approval } = await presentApproval(t);
  const postsBefore = verifier.seen.filter((s) => s.method === 'POST').length;
  await expect(
    t.runner.answer({ id: approval.id, approve: true, selections: [{ key: '1.0', credentialIds: ['urn:uuid:someone-else'] }] }),
  ).rejects.toMatchObject({ name: 'NotAllowedError' });
  await expect(t.runner.answer({ id: approval.id, approve: true, selections: [] })).rejects.toMatchObject({ name: 'DataError' });
  expect(verifier.seen.filter((s) => s.method === 'POST').length).toBe(postsBefore);
  expect((await t.db.approvals.get({ id: approval.id }))!.decision).toBeUndefined();
  expect(((await t.db.exchanges.get({ id: started.id })) as WalletExchange).status).toBe('request');
});
