import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { fromStoredExchange } from '../inspect/exchange-record';
import { exchangeToExport, exportText, parseExchangeExport } from '../inspect/export-json';
import { createExchangeRunner } from './exchange-runner';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';

let service: WorkflowService;
let workflowUrl: string;

beforeAll(async () => {
  service = await startWorkflowService({});
  workflowUrl = service.workflowUrl('provenance-issuance');
});
afterAll(async () => service?.close());

async function newInteraction() {
  const exchangeUrl = await createServiceExchange({ workflowUrl, token: service.token });
  return { exchangeUrl, interactionUrl: `${exchangeUrl}?iuv=1` };
}

const serviceExchange = async (exchangeUrl: string) =>
  (await request({ url: exchangeUrl, token: service.token })).body.exchange;

function setup() {
  const t = createTestContext();
  const runner = createExchangeRunner(t.ctx);
  const record = async (id: string) => (await (await t.ctx.db).exchanges.get({ id })) as WalletExchange;
  const approval = async (id: string) => (await (await t.ctx.db).approvals.get({ id })) as WalletApproval;
  const shownKind = (exchangeId: string, kind: string) =>
    t.shown.find((s) => s.exchangeId === exchangeId && s.approvalId.endsWith(`.${kind}`));
  return { ...t, runner, record, approval, shownKind };
}

describe('exchange runner against the local workflow service', () => {
  test('paste → DID-auth approval → approve → verified credential accepted and stored → service complete with our DID', async () => {
    const w = setup();
    const { exchangeUrl, interactionUrl } = await newInteraction();
    const started = await w.runner.start({ url: interactionUrl, source: 'paste' });
    expect(started.status).toBe('running');

    await expect.poll(() => w.shownKind(started.id, 'present'), { timeout: 20_000 }).toBeTruthy();
    const present = await w.approval(w.shownKind(started.id, 'present')!.approvalId);
    const key = await w.ctx.key();
    expect(present.payload.view).toMatchObject({
      kind: 'present',
      requester: { exchangeOrigin: new URL(service.baseUrl).origin, source: 'paste' },
      holderDid: key.did,
      cryptosuite: 'eddsa-rdfc-2022',
    });
    expect(present.payload.view.queries?.[0]).toMatchObject({ type: 'DIDAuthentication', supported: true });
    expect(present.payload.view.domainWarning).toBeUndefined();
    expect((await w.record(started.id)).status).toBe('request');
    // nothing sent yet: the service saw only the initial POST {}
    expect((await serviceExchange(exchangeUrl)).variables.results?.ownerBinding).toBeUndefined();

    await w.runner.answer({ id: present.id, approve: true, selections: [] });
    await expect.poll(() => w.shownKind(started.id, 'accept'), { timeout: 20_000 }).toBeTruthy();
    const accept = await w.approval(w.shownKind(started.id, 'accept')!.approvalId);
    expect(accept.payload.view.offered).toHaveLength(1);
    expect(accept.payload.view.offered![0]).toMatchObject({ storable: true, preselected: true, verification: { verified: true } });
    expect(await (await w.ctx.db).credentials.list()).toHaveLength(0); // nothing stored before yes

    await w.runner.answer({ id: accept.id, approve: true, accept: [0] });
    await expect.poll(async () => (await w.record(started.id)).status, { timeout: 20_000 }).toBe('complete');
    const stored = await (await w.ctx.db).credentials.list();
    expect(stored).toHaveLength(1);
    expect(stored[0].credential.type).toContain('ProductAuthenticityCredential');
    expect((await w.record(started.id)).credentialIds).toEqual([stored[0].id]);

    const remote = await serviceExchange(exchangeUrl);
    expect(remote.state).toBe('complete');
    expect(remote.variables.results.ownerBinding.did).toBe(key.did);

    const transcript = await (await w.ctx.db).messages.forExchange({ exchangeId: started.id });
    expect(transcript.map((m) => `${m.method} ${m.status}`)).toEqual(['GET 200', 'POST 200', 'POST 200']);
    expect(new Set(transcript.map((m) => m.seq)).size).toBe(transcript.length);
    expect(w.events.some((e) => e.type === 'exchange' && e.exchange.status === 'complete')).toBe(true);
  });

  test('decline sends nothing: the service exchange stays pending and the wallet shows declined', async () => {
    const w = setup();
    const { exchangeUrl, interactionUrl } = await newInteraction();
    const started = await w.runner.start({ url: interactionUrl, source: 'paste' });
    await expect.poll(() => w.shownKind(started.id, 'present'), { timeout: 20_000 }).toBeTruthy();
    const id = w.shownKind(started.id, 'present')!.approvalId;
    // settled() tells when it ends (what CHAPI waits on); a wait that is aborted stops at once
    const ended = w.runner.settled({ id: started.id });
    const abort = new AbortController();
    const abandoned = w.runner.settled({ id: started.id, signal: abort.signal });
    abort.abort();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
    const view = await w.runner.answer({ id, approve: false });
    expect(view.status).toBe('declined');
    expect((await ended).status).toBe('declined');
    expect((await w.runner.settled({ id: started.id })).status).toBe('declined'); // already over: at once
    expect((await w.record(started.id)).status).toBe('declined');
    const transcript = await (await w.ctx.db).messages.forExchange({ exchangeId: started.id });
    expect(transcript.some((m) => JSON.stringify(m.requestBody ?? {}).includes('verifiablePresentation'))).toBe(false);
    const remote = await serviceExchange(exchangeUrl);
    expect(['pending', 'active']).toContain(remote.state);
    expect(remote.variables.results?.ownerBinding).toBeUndefined();
    // a second answer cannot flip it
    await expect(w.runner.answer({ id, approve: true })).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  test('closing the approval window declines', async () => {
    const w = setup();
    const { interactionUrl } = await newInteraction();
    const started = await w.runner.start({ url: interactionUrl, source: 'paste' });
    await expect.poll(() => w.shownKind(started.id, 'present'), { timeout: 20_000 }).toBeTruthy();
    await w.runner.windowClosed({ approvalId: w.shownKind(started.id, 'present')!.approvalId });
    await expect.poll(async () => (await w.record(started.id)).status).toBe('declined');
  });

  test('a server refusal fails the exchange with the server\'s own message', async () => {
    const w = setup();
    const { interactionUrl } = await newInteraction();
    // finish the exchange once, then try it again: the service refuses
    const first = await w.runner.start({ url: interactionUrl, source: 'paste' });
    await expect.poll(() => w.shownKind(first.id, 'present')).toBeTruthy();
    await w.runner.answer({ id: w.shownKind(first.id, 'present')!.approvalId, approve: true, selections: [] });
    await expect.poll(() => w.shownKind(first.id, 'accept')).toBeTruthy();
    await w.runner.answer({ id: w.shownKind(first.id, 'accept')!.approvalId, approve: true, accept: [0] });
    await expect.poll(async () => (await w.record(first.id)).status).toBe('complete');

    const again = await w.runner.start({ url: interactionUrl, source: 'paste' });
    await expect.poll(async () => (await w.record(again.id)).status).toBe('failed');
    const view = await w.runner.get({ id: again.id });
    expect(view.error?.status).toBeGreaterThanOrEqual(400);
    expect(view.error?.name).toMatch(/Error$/);
    expect(view.error?.message).toMatch(/HTTP 4\d\d: .+/);
  });

  test('bad interaction URLs are refused with a named error and nothing is stored', async () => {
    const w = setup();
    await expect(w.runner.start({ url: 'https://shop.example/i/1?iuv=2', source: 'paste' })).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(w.runner.start({ url: 'not a url', source: 'paste' })).rejects.toHaveProperty('name');
    expect(await (await w.ctx.db).exchanges.list()).toHaveLength(0);
  });

  test('a restarted worker resumes a waiting exchange without duplicating anything', async () => {
    const w = setup();
    const { exchangeUrl, interactionUrl } = await newInteraction();
    const started = await w.runner.start({ url: interactionUrl, source: 'paste' });
    await expect.poll(() => w.shownKind(started.id, 'present'), { timeout: 20_000 }).toBeTruthy();
    const approvalId = w.shownKind(started.id, 'present')!.approvalId;

    // a new worker: same database, fresh memory
    const restarted = createExchangeRunner({ ...w.ctx, lock: (await import('./lock')).createKeyedLock() });
    const shownBefore = w.shown.length;
    await restarted.resumeAll();
    expect(w.shown.slice(shownBefore)).toEqual([{ approvalId, exchangeId: started.id, windowKey: started.id, focus: false }]);
    expect(await (await w.ctx.db).approvals.forExchange({ exchangeId: started.id })).toHaveLength(1);

    await restarted.answer({ id: approvalId, approve: true, selections: [] });
    await expect.poll(() => w.shownKind(started.id, 'accept'), { timeout: 20_000 }).toBeTruthy();
    await restarted.answer({ id: w.shownKind(started.id, 'accept')!.approvalId, approve: true, accept: [0] });
    await expect.poll(async () => (await w.record(started.id)).status, { timeout: 20_000 }).toBe('complete');
    expect((await serviceExchange(exchangeUrl)).state).toBe('complete');
    const transcript = await (await w.ctx.db).messages.forExchange({ exchangeId: started.id });
    expect(transcript.filter((m) => m.method === 'POST')).toHaveLength(2);
  });

  test('started by a CHAPI request (exchange URL + window key): every question shows in that request\'s window, also after a restart', async () => {
    const w = setup();
    const { exchangeUrl } = await newInteraction();
    const started = await w.runner.start({ exchangeUrl, source: 'chapi', pageOrigin: 'http://127.0.0.1:1', windowKey: 'chapi-req-1' });
    expect((await w.record(started.id)).windowKey).toBe('chapi-req-1');
    await expect.poll(() => w.shownKind(started.id, 'present'), { timeout: 20_000 }).toBeTruthy();
    expect(w.shownKind(started.id, 'present')).toMatchObject({ windowKey: 'chapi-req-1' });
    const restarted = createExchangeRunner({ ...w.ctx, lock: (await import('./lock')).createKeyedLock() });
    await restarted.resumeAll();
    await restarted.answer({ id: w.shownKind(started.id, 'present')!.approvalId, approve: true, selections: [] });
    await expect.poll(() => w.shownKind(started.id, 'accept'), { timeout: 20_000 }).toBeTruthy();
    expect(w.shown.map((s) => s.windowKey)).toEqual(w.shown.map(() => 'chapi-req-1'));
    await restarted.answer({ id: w.shownKind(started.id, 'accept')!.approvalId, approve: true, accept: [0] });
    await expect.poll(async () => (await w.record(started.id)).status, { timeout: 20_000 }).toBe('complete');
  });

  test('a decision saved just before the worker died is carried out on resume', async () => {
    const w = setup();
    const { exchangeUrl, interactionUrl } = await newInteraction();
    const started = await w.runner.start({ url: interactionUrl, source: 'paste' });
    await expect.poll(() => w.shownKind(started.id, 'present'), { timeout: 20_000 }).toBeTruthy();
    const approvalId = w.shownKind(started.id, 'present')!.approvalId;
    // the decision reached the DB, the worker died before acting on it
    await (await w.ctx.db).approvals.decide({ id: approvalId, decision: { approved: true, credentialIds: [] } });
    const restarted = createExchangeRunner({ ...w.ctx, lock: (await import('./lock')).createKeyedLock() });
    await restarted.resumeAll();
    await expect.poll(() => w.shownKind(started.id, 'accept'), { timeout: 20_000 }).toBeTruthy();
    expect((await serviceExchange(exchangeUrl)).variables.results.ownerBinding.did).toBe((await w.ctx.key()).did);
  });

  test('started from the exchange URL (as CHAPI does): POST {} first, no discovery GET, no interaction URL stored', async () => {
    const w = setup();
    const { exchangeUrl } = await newInteraction();
    const started = await w.runner.start({ exchangeUrl, source: 'chapi', pageOrigin: 'http://127.0.0.1:8123' });
    expect(started).toMatchObject({ exchangeUrl, exchangeOrigin: new URL(exchangeUrl).origin, source: 'chapi' });
    expect(started.interactionUrl).toBeUndefined();
    await expect.poll(() => w.shownKind(started.id, 'present'), { timeout: 20_000 }).toBeTruthy();
    const present = await w.approval(w.shownKind(started.id, 'present')!.approvalId);
    expect(present.payload.view.requester).toEqual({ exchangeOrigin: new URL(exchangeUrl).origin, pageOrigin: 'http://127.0.0.1:8123', source: 'chapi' });
    await w.runner.answer({ id: present.id, approve: true, selections: [] });
    await expect.poll(() => w.shownKind(started.id, 'accept'), { timeout: 20_000 }).toBeTruthy();
    await w.runner.answer({ id: w.shownKind(started.id, 'accept')!.approvalId, approve: true, accept: [0] });
    await expect.poll(async () => (await w.record(started.id)).status, { timeout: 20_000 }).toBe('complete');
    expect((await serviceExchange(exchangeUrl)).variables.results.ownerBinding.did).toBe((await w.ctx.key()).did);

    const record = await w.record(started.id);
    expect(record).toMatchObject({ origin: new URL(exchangeUrl).origin, state: { exchangeUrl, protocols: { vcapi: exchangeUrl }, interactionUrls: [] } });
    expect(record.interactionUrl).toBeUndefined();
    const transcript = await (await w.ctx.db).messages.forExchange({ exchangeId: started.id });
    expect(transcript.map((m) => `${m.seq} ${m.method} ${m.url}`)).toEqual([`0 POST ${exchangeUrl}`, `1 POST ${exchangeUrl}`]);
    expect(transcript[0].requestBody).toEqual({});

    // the inspector reads it, and its JSON export round-trips without an interaction URL
    const inspected = fromStoredExchange({ record });
    expect(inspected).toMatchObject({ exchangeUrl, interactionUrls: [], status: 'complete', source: 'chapi' });
    expect(inspected.interactionUrl).toBeUndefined();
    const data = exchangeToExport({ exchange: inspected, messages: transcript });
    expect(parseExchangeExport({ input: exportText({ data }) }).exchange).toEqual(inspected);
  });

  test('a bad exchange URL is refused with a named error and nothing is stored', async () => {
    const w = setup();
    await expect(w.runner.start({ exchangeUrl: 'http://issuer.example/exchanges/x', source: 'chapi' })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(w.runner.start({ exchangeUrl: 'not a url', source: 'chapi' })).rejects.toMatchObject({ name: 'DataError' });
    expect(await w.runner.list()).toEqual([]);
  });
});
