// A worker that died with a POST in flight: a `{}` is re-sent (it discloses nothing); a
// presentation is never re-sent — the exchange ends as failed with InterruptedError and says why.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createExchange, type ExchangeState } from '../vcalm';
import { startScriptedServer, type ScriptedServer } from '../vcalm/test-support/scripted-server';
import { createExchangeRunner } from './exchange-runner';
import type { WalletExchange } from './records';
import { createTestContext } from './testing';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ routes: { 'POST /x': () => ({ json: {} }) } });
});
afterAll(async () => server?.close());

async function interrupted(body: Record<string, unknown>) {
  const t = createTestContext();
  const db = await t.ctx.db;
  const base = createExchange({ interactionUrl: `${server.url}/i?iuv=1` });
  const state: ExchangeState = {
    ...base,
    status: 'posting',
    exchangeUrl: `${server.url}/x`,
    seq: 2,
    steps: 1,
    pending: { seq: 1, url: `${server.url}/x`, body, startedAt: new Date().toISOString(), carriesPresentation: 'verifiablePresentation' in body },
  };
  await db.exchanges.create({ id: state.id, status: state.status, state, source: 'paste', credentialIds: [], notes: [] } as never);
  const postsBefore = server.seen.filter((s) => s.method === 'POST').length;
  await createExchangeRunner(t.ctx).resumeAll();
  const record = (await db.exchanges.get({ id: state.id })) as WalletExchange;
  const posts = server.seen.filter((s) => s.method === 'POST').length - postsBefore;
  return { record, posts, transcript: await db.messages.forExchange({ exchangeId: state.id }) };
}

test('a presentation in flight is not sent again: failed with InterruptedError, the lost message recorded', async () => {
  const { record, posts, transcript } = await interrupted({ verifiablePresentation: { type: ['VerifiablePresentation'] } });
  expect(posts).toBe(0);
  expect(record.status).toBe('failed');
  expect(record.state.error).toMatchObject({ name: 'InterruptedError', message: expect.stringMatching(/not sent again/) });
  expect(transcript).toEqual([expect.objectContaining({ seq: 1, method: 'POST', error: expect.objectContaining({ name: 'InterruptedError' }) })]);
});

test('an empty {} in flight is re-sent once and the exchange completes', async () => {
  const { record, posts } = await interrupted({});
  expect(posts).toBe(1);
  expect(record.status).toBe('complete');
});
