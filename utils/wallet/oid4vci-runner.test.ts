// OID4VCI through the wallet's runner, against the real local workflow service: the PIN asked in
// an approval, the issued credential verified before the user is asked, stored only on yes; the
// transcript saved; a worker that dies mid-issuance ends cleanly without asking twice.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { createExchangeRunner } from './exchange-runner';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';

let service: WorkflowService;
beforeAll(async () => { service = await startWorkflowService({ host: '127.0.0.1', port: 0 }); });
afterAll(async () => { await service.close(); });

async function offer(oid4vci: unknown = true) {
  const exchangeUrl = await createServiceExchange({
    workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token,
    variables: { subject: 'did:example:bag-9', sku: 'HB-9', oid4vci },
  });
  return { exchangeUrl, offerUrl: (await request({ url: `${exchangeUrl}/protocols` })).body.protocols.OID4VCI as string };
}

function harness() {
  const t = createTestContext();
  const runner = createExchangeRunner(t.ctx);
  const approvalFor = async (exchangeId: string, kind: string) => {
    const db = await t.ctx.db;
    let found: WalletApproval | undefined;
    await expect.poll(async () => {
      for (const s of t.shown.filter((x) => x.exchangeId === exchangeId)) {
        const a = (await db.approvals.get({ id: s.approvalId })) as WalletApproval | undefined;
        if (a && a.payload.view.kind === kind && !a.decision) found = a;
      }
      return found;
    }, { timeout: 20_000 }).toBeTruthy();
    return found!;
  };
  const record = async (id: string) => (await (await t.ctx.db).exchanges.get({ id })) as WalletExchange;
  return { t, runner, approvalFor, record };
}

test('a PIN offer: the PIN is asked with the issuer\'s words, the credential verified, stored on yes', async () => {
  const { exchangeUrl, offerUrl } = await offer({ txCode: '2468', txCodeDescription: 'Sent to you by e-mail' });
  const { t, runner, approvalFor, record } = harness();
  const started = await runner.start({ url: offerUrl, source: 'paste' });
  const pin = await approvalFor(started.id, 'pin');
  expect(pin.payload.view.txCode).toEqual({ inputMode: 'numeric', length: 4, description: 'Sent to you by e-mail', issuer: exchangeUrl, issuerName: 'Brand workflow service' });
  expect((await runner.get({ id: started.id })).status).toBe('awaiting-approval');
  await runner.answer({ id: pin.id, approve: true, txCode: '2468' });
  const accept = await approvalFor(started.id, 'accept');
  const db = await t.ctx.db;
  expect(await db.credentials.list()).toHaveLength(0); // nothing stored before yes
  expect(accept.payload.view.offered).toMatchObject([{ storable: true, preselected: true, summary: { name: 'Product authenticity' } }]);
  await runner.answer({ id: accept.id, approve: true, accept: [0] });
  await expect.poll(async () => (await record(started.id)).status, { timeout: 20_000 }).toBe('complete');
  const [stored] = await db.credentials.list();
  expect(stored.credential.credentialSubject).toMatchObject({ id: (await t.ctx.key()).did });
  const transcript = await db.messages.forExchange({ exchangeId: started.id });
  expect(transcript.map((m) => m.kind)).toEqual(['offer', 'metadata', 'metadata', 'token', 'nonce', 'credential']);
  expect(JSON.stringify(transcript)).not.toContain('2468');
});

test('a wrong PIN ends the exchange failed by name; nothing stored', async () => {
  const { offerUrl } = await offer({ txCode: '2468' });
  const { t, runner, approvalFor, record } = harness();
  const started = await runner.start({ url: offerUrl, source: 'paste' });
  const pin = await approvalFor(started.id, 'pin');
  await runner.answer({ id: pin.id, approve: true, txCode: '1111' });
  await expect.poll(async () => (await record(started.id)).status, { timeout: 20_000 }).toBe('failed');
  expect((await runner.get({ id: started.id })).error).toMatchObject({ name: 'NotAllowedError' });
  expect(await (await t.ctx.db).credentials.list()).toHaveLength(0);
});

test('declining the issued credential stores nothing', async () => {
  const { offerUrl } = await offer();
  const { t, runner, approvalFor, record } = harness();
  const started = await runner.start({ url: offerUrl, source: 'paste' });
  const accept = await approvalFor(started.id, 'accept');
  await runner.answer({ id: accept.id, approve: false });
  await expect.poll(async () => (await record(started.id)).status, { timeout: 20_000 }).toBe('complete');
  expect(await (await t.ctx.db).credentials.list()).toHaveLength(0);
});

test('a worker that died with the credential request in flight ends with InterruptedError; nothing re-sent', async () => {
  const { exchangeUrl, offerUrl } = await offer();
  const { t, runner, approvalFor, record } = harness();
  const started = await runner.start({ url: offerUrl, source: 'paste' });
  await approvalFor(started.id, 'accept');
  // Simulate the saved state a worker leaves when it dies right after the pre-POST checkpoint
  // of the credential request: status 'posting' with the credential step pending.
  const db = await t.ctx.db;
  const saved = await record(started.id);
  const state = { ...saved.state, status: 'posting', pending: { seq: 99, step: 'credential', url: `${exchangeUrl}/openid/credential`, startedAt: new Date().toISOString() } } as WalletExchange['state'];
  delete (state as { offered?: unknown }).offered;
  await db.exchanges.saveStep({ id: started.id, patch: { state, status: 'posting', approvalId: undefined } as never });
  const before = (await db.messages.forExchange({ exchangeId: started.id })).length;
  const restarted = createExchangeRunner(t.ctx);
  await restarted.resumeAll();
  await expect.poll(async () => (await record(started.id)).status, { timeout: 20_000 }).toBe('failed');
  expect((await restarted.get({ id: started.id })).error).toMatchObject({ name: 'InterruptedError' });
  expect((await db.messages.forExchange({ exchangeId: started.id })).length).toBe(before);
  expect(await db.credentials.list()).toHaveLength(0);
});
