import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWalletDb } from './open';
import { freshDb } from './test-support';

describe('approvals repository', () => {
  it('a pending approval survives closing and reopening the database (worker restart)', async () => {
    const name = `approvals-${globalThis.crypto.randomUUID()}`;
    const db = await openWalletDb({ name });
    const created = await db.approvals.create({
      kind: 'presentation', exchangeId: 'ex-1', origin: 'https://vc.example', pageOrigin: 'https://shop.example',
      payload: { request: { query: [{ type: 'DIDAuthentication' }] } },
    });
    expect(created.id).toMatch(/[0-9a-f-]{36}/);
    db.close();
    const again = await openWalletDb({ name });
    expect(await again.approvals.listPending()).toEqual([created]);
    again.close();
  });

  it('pending are oldest first; decide() records once, then it is no longer pending', async () => {
    const db = await freshDb();
    const a = await db.approvals.create({ kind: 'presentation', exchangeId: 'e1', origin: 'https://a.example', payload: 1 });
    const b = await db.approvals.create({ kind: 'chapi-get', chapiRequestId: 'r1', origin: 'https://b.example', payload: 2 });
    expect((await db.approvals.listPending()).map((x) => x.id)).toEqual([a.id, b.id]);

    const decided = await db.approvals.decide({ id: a.id, decision: { approved: true, credentialIds: ['urn:c'] } });
    expect(decided.decision).toMatchObject({ approved: true, credentialIds: ['urn:c'] });
    expect(Date.parse(decided.decision!.decidedAt)).not.toBeNaN();
    await expect(db.approvals.decide({ id: a.id, decision: { approved: false } })).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect((await db.approvals.get({ id: a.id }))?.decision?.approved).toBe(true);
    expect((await db.approvals.listPending()).map((x) => x.id)).toEqual([b.id]);
    expect(await db.approvals.forExchange({ exchangeId: 'e1' })).toEqual([decided]);
    await expect(db.approvals.decide({ id: 'nope', decision: { approved: false } })).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await db.approvals.remove({ id: b.id })).toBe(true);
    expect(await db.approvals.listPending()).toEqual([]);
    db.close();
  });

  it('rejects malformed approvals and decisions with TypeError', async () => {
    const db = await freshDb();
    await expect(db.approvals.create({ kind: 'presentation', origin: 'https://a.example', payload: {} } as any)).rejects.toThrow(TypeError);
    await expect(db.approvals.create({ kind: 'weird', exchangeId: 'e', origin: 'https://a.example', payload: {} } as any)).rejects.toThrow(TypeError);
    await expect(db.approvals.create({ kind: 'presentation', exchangeId: 'e', origin: '', payload: {} })).rejects.toThrow(TypeError);
    const a = await db.approvals.create({ id: 'fixed', kind: 'presentation', exchangeId: 'e', origin: 'https://a.example', payload: {} });
    await expect(db.approvals.create({ id: 'fixed', kind: 'presentation', exchangeId: 'e', origin: 'https://a.example', payload: {} }))
      .rejects.toMatchObject({ name: 'ConstraintError' });
    await expect(db.approvals.decide({ id: a.id, decision: { approved: 'yes' } as any })).rejects.toThrow(TypeError);
    await expect(db.approvals.decide({ id: a.id, decision: { approved: true, credentialIds: [1] } as any })).rejects.toThrow(TypeError);
    expect((await db.approvals.get({ id: a.id }))?.decision).toBeUndefined();
    db.close();
  });
});
