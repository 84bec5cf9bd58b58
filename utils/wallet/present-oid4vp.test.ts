// An OID4VP request through the wallet's runner, against the local workflow service: the same
// approval as vcapi (naming the verifier honestly, listing the fitting credential), then the
// answer by direct_post, which the service verifies and records. Started from the openid4vp://
// link, and from the interaction URL with the protocol picked (vcapi would be preferred).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange, request, runProvenanceExchange } from '../../workflow-service/testing/holder';
import { credentialRecordId } from '../db';
import { verifyCredential } from '../crypto';
import type { TranscriptMessage } from '../vcalm';
import { createExchangeRunner } from './exchange-runner';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';

let service: WorkflowService;
beforeAll(async () => { service = await startWorkflowService({ token: 'runner-oid4vp-token-0123' }); }, 60_000);
afterAll(async () => service?.close());

async function setup() {
  const t = createTestContext();
  const runner = createExchangeRunner(t.ctx);
  const db = await t.ctx.db;
  const holder = await t.ctx.key();
  const issuance = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });
  const { final } = await runProvenanceExchange({ exchangeUrl: issuance, key: holder });
  const credential = final.body.verifiablePresentation.verifiableCredential[0];
  const id = await credentialRecordId({ credential });
  await db.credentials.put({ id, credential, verification: await verifyCredential({ credential }), source: { kind: 'import' } });
  return { ...t, runner, db, holder, id };
}

async function approveAndCheck(t: Awaited<ReturnType<typeof setup>>, startedId: string, verification: string) {
  await expect.poll(() => t.shown.find((s) => s.exchangeId === startedId), { timeout: 30_000 }).toBeTruthy();
  const approval = (await t.db.approvals.get({ id: t.shown.find((s) => s.exchangeId === startedId)!.approvalId })) as WalletApproval;
  const view = approval.payload.view;
  expect(view.requester.verifier).toMatchObject({ protocol: 'oid4vp', kind: 'origin', id: new URL(service.baseUrl).origin, checked: false });
  expect(view.domainWarning).toBeUndefined();
  expect(view.challenge).toBe(verification.split('/').at(-1));
  const query = view.queries!.find((q) => q.candidates.length)!;
  expect(query.reason).toBe('Show that you own an authentic product.');
  expect(query.candidates).toEqual([expect.objectContaining({ credentialId: t.id, fits: true })]);
  expect(view.blockers).toBeUndefined();
  await t.runner.answer({ id: approval.id, approve: true, selections: [{ key: query.key, credentialIds: [t.id] }] });
  await expect.poll(async () => ((await t.db.exchanges.get({ id: startedId })) as WalletExchange).status, { timeout: 30_000 }).toBe('complete');
  const read = await request({ url: verification, token: service.token });
  expect(read.body.exchange.state).toBe('complete');
  expect(read.body.exchange.variables.results.presentProvenance.did).toBe(t.holder.did);
  const transcript = (await t.db.messages.forExchange({ exchangeId: startedId })) as TranscriptMessage[];
  expect(transcript.map((m) => m.kind)).toEqual(['oid4vp-request', 'oid4vp-response']);
  expect(transcript[0].decoded).toMatchObject({ format: 'jwt', payload: { response_type: 'vp_token' } });
}

test('an openid4vp:// link: approval names the verifier by origin, the service records the presentation', async () => {
  const t = await setup();
  const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
  const { body } = await request({ url: `${verification}/protocols` });
  const started = await t.runner.start({ url: body.protocols.OID4VP, source: 'paste' });
  await approveAndCheck(t, started.id, verification);
}, 90_000);

test('an interaction URL offering vcapi and OID4VP, with OID4VP picked', async () => {
  const t = await setup();
  const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
  const started = await t.runner.start({ url: `${verification}?iuv=1`, source: 'paste', protocol: 'oid4vp' });
  expect(started.protocols).toMatchObject({ vcapi: verification, OID4VP: expect.stringMatching(/^openid4vp:/) });
  await approveAndCheck(t, started.id, verification);
}, 90_000);

test('declining an OID4VP request sends nothing', async () => {
  const t = await setup();
  const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
  const { body } = await request({ url: `${verification}/protocols` });
  const started = await t.runner.start({ url: body.protocols.OID4VP, source: 'paste' });
  await expect.poll(() => t.shown.find((s) => s.exchangeId === started.id), { timeout: 30_000 }).toBeTruthy();
  await t.runner.answer({ id: t.shown.find((s) => s.exchangeId === started.id)!.approvalId, approve: false });
  await expect.poll(async () => ((await t.db.exchanges.get({ id: started.id })) as WalletExchange).status, { timeout: 30_000 }).toBe('declined');
  const transcript = (await t.db.messages.forExchange({ exchangeId: started.id })) as TranscriptMessage[];
  expect(transcript.map((m) => m.kind)).toEqual(['oid4vp-request']);
  expect((await request({ url: verification, token: service.token })).body.exchange.variables.results).toEqual({});
}, 90_000);
