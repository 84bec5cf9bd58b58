// A browser restart: the exchange waits for an answer, its window is gone. The pending approval
// opens again; approvals that are answered, stale, or owned by a feature (CHAPI) do not.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { reopenIfNewSession, reopenPendingApprovals, type SessionArea } from './reopen-approvals';
import { createTestContext } from './testing';

test('pending approvals of waiting exchanges open again after a browser restart', async () => {
  const t = createTestContext();
  const db = await t.ctx.db;
  const approval = (id: string, exchangeId: string) =>
    db.approvals.create({ id, kind: 'presentation', exchangeId, origin: 'https://shop.example', payload: { view: {} } });
  await db.exchanges.create({ id: 'x1', status: 'request', approvalId: 'x1.2.present' } as never);
  await db.exchanges.create({ id: 'x2', status: 'complete' } as never);
  await db.exchanges.create({ id: 'x3', status: 'request', approvalId: 'x3.2.present' } as never);
  await approval('x1.2.present', 'x1');
  await approval('x2.2.present', 'x2'); // its exchange moved on
  await approval('x3.2.present', 'x3');
  await db.approvals.decide({ id: 'x3.2.present', decision: { approved: true } }); // answered already
  await approval('chapi-1.present', 'chapi-1');
  t.ctx.approvalOwners.add({ owns: (id) => id.startsWith('chapi-'), answer: async () => { throw new Error('unused'); }, windowClosed: async () => undefined });

  expect(await reopenPendingApprovals({ ctx: t.ctx })).toEqual(['x1.2.present']);
  expect(t.shown).toEqual([{ approvalId: 'x1.2.present', exchangeId: 'x1', windowKey: 'x1', focus: true }]);
});

test('on worker start: a new browser session (empty session storage) reopens once; a worker that only went idle does not', async () => {
  const t = createTestContext();
  const db = await t.ctx.db;
  await db.exchanges.create({ id: 'x1', status: 'request', approvalId: 'x1.2.present' } as never);
  await db.approvals.create({ id: 'x1.2.present', kind: 'presentation', exchangeId: 'x1', origin: 'https://shop.example', payload: { view: {} } });
  // storage.session as the browser keeps it: empty when the browser starts, kept while it runs
  const items: Record<string, unknown> = {};
  const session: SessionArea = { get: async (key) => (key in items ? { [key]: items[key] } : {}), set: async (more) => void Object.assign(items, more) };
  expect(await reopenIfNewSession({ ctx: t.ctx, session })).toEqual(['x1.2.present']);
  expect(await reopenIfNewSession({ ctx: t.ctx, session })).toEqual([]); // the worker woke again in the same session
  expect(t.shown).toHaveLength(1);
  // the browser restarted: its session storage is empty again
  for (const key of Object.keys(items)) delete items[key];
  expect(await reopenIfNewSession({ ctx: t.ctx, session })).toEqual(['x1.2.present']);
});
