// A browser restart: the exchange waits for an answer, its window is gone. The pending approval
// opens again; approvals that are answered, stale, or owned by a feature (CHAPI) do not.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { reopenPendingApprovals } from './reopen-approvals';
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
