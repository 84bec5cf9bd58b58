import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createExchange, type TranscriptMessage } from '../vcalm';
import { freshDb } from './test-support';

const state = (n = 1) => createExchange({ interactionUrl: `https://shop.example/interactions/${n}?iuv=1` });
const message = (exchangeId: string, seq: number): TranscriptMessage => ({
  exchangeId, seq, kind: 'exchange', method: 'POST', url: 'https://vc.example/exchanges/1',
  requestHeaders: { 'content-type': 'application/json' }, requestBody: {}, status: 200,
  startedAt: new Date().toISOString(),
});

describe('exchanges repository', () => {
  it('create takes id and status from the step-machine state; a duplicate id is a ConstraintError', async () => {
    const db = await freshDb();
    const s = state();
    const rec = await db.exchanges.create({ state: s, origin: s.origin, interactionUrl: s.interactionUrl, pageOrigin: 'https://shop.example' });
    expect(rec).toMatchObject({ id: s.id, status: 'discover', origin: 'https://shop.example' });
    expect(rec.createdAt).toBe(rec.updatedAt);
    expect(await db.exchanges.get({ id: s.id })).toEqual(rec);
    await expect(db.exchanges.create({ state: s })).rejects.toMatchObject({ name: 'ConstraintError' });
    await expect(db.exchanges.create({} as any)).rejects.toThrow(TypeError);
    db.close();
  });

  it('list is newest first, with a limit; listUnfinished skips finished ones', async () => {
    const db = await freshDb();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await db.exchanges.create({ state: state(i) })).id);
    }
    expect((await db.exchanges.list()).map((e) => e.id)).toEqual([...ids].reverse());
    expect((await db.exchanges.list({ limit: 2 })).map((e) => e.id)).toEqual([ids[2], ids[1]]);
    await db.exchanges.saveStep({ id: ids[1], patch: { status: 'complete' } });
    expect((await db.exchanges.listUnfinished()).map((e) => e.id)).toEqual([ids[0], ids[2]]);
    await expect(db.exchanges.list({ limit: 0 })).rejects.toThrow(TypeError);
    db.close();
  });

  it('saveStep merges fields, replaces the state snapshot whole, derives status, bumps updatedAt', async () => {
    const db = await freshDb();
    const s = state();
    const posting = { ...s, pending: { seq: 1, url: 'https://x.example', body: {}, startedAt: 'now', carriesPresentation: false } };
    const created = await db.exchanges.create({ state: posting, title: 'Shop' });
    const nextState = { ...s, status: 'request' as const, exchangeUrl: 'https://vc.example/exchanges/1', seq: 2 };
    const saved = await db.exchanges.saveStep({ id: s.id, patch: { state: nextState } });
    expect(saved.status).toBe('request');
    expect(saved.title).toBe('Shop');
    expect(saved.state).toEqual(nextState);
    expect(saved.state).not.toHaveProperty('pending'); // not shallow-merged: stale fields do not linger
    expect(saved.updatedAt > created.updatedAt).toBe(true);
    expect(saved.createdAt).toBe(created.createdAt);
    const errored = await db.exchanges.saveStep({ id: s.id, patch: { status: 'failed', error: { name: 'DataError', message: 'bad reply' } } });
    expect(errored).toMatchObject({ status: 'failed', state: nextState, error: { name: 'DataError' } });
    expect(await db.exchanges.get({ id: s.id })).toEqual(errored);
    db.close();
  });

  it('saveStep: unknown id NotFoundError; a finished exchange cannot change status (nothing written)', async () => {
    const db = await freshDb();
    await expect(db.exchanges.saveStep({ id: 'nope', patch: { status: 'ready' } })).rejects.toMatchObject({ name: 'NotFoundError' });
    const { id } = await db.exchanges.create({ state: state() });
    const done = await db.exchanges.saveStep({ id, patch: { status: 'complete' } });
    await expect(db.exchanges.saveStep({ id, patch: { status: 'ready', title: 'changed' } })).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(await db.exchanges.get({ id })).toEqual(done);
    // same status is fine (e.g. attaching a title after completion)
    expect((await db.exchanges.saveStep({ id, patch: { title: 'Receipt' } })).title).toBe('Receipt');
    await expect(db.exchanges.saveStep({ id, patch: { id: 'other' } as any })).rejects.toThrow(TypeError);
    await expect(db.exchanges.saveStep({ id, patch: { state: 'x' } as any })).rejects.toThrow(TypeError);
    const other = state(9);
    await expect(db.exchanges.saveStep({ id, patch: { state: other } })).rejects.toThrow(TypeError);
    await expect(db.exchanges.create({ id: 'mine', state: other })).rejects.toThrow(TypeError);
    expect(await db.exchanges.get({ id: 'mine' })).toBeUndefined();
    db.close();
  });

  it('remove and clearHistory take the transcript and approvals with them, and nothing else', async () => {
    const db = await freshDb();
    const a = await db.exchanges.create({ state: state(1) });
    const b = await db.exchanges.create({ state: state(2) });
    const c = await db.exchanges.create({ state: state(3) });
    for (const id of [a.id, b.id, c.id]) {
      await db.messages.append({ message: message(id, 0) });
      await db.messages.append({ message: message(id, 1) });
      await db.approvals.create({ kind: 'presentation', exchangeId: id, origin: 'https://vc.example', payload: {} });
    }
    await db.exchanges.saveStep({ id: a.id, patch: { status: 'complete' } });
    await db.exchanges.saveStep({ id: b.id, patch: { status: 'declined' } });

    expect(await db.exchanges.clearHistory()).toBe(2);
    expect((await db.exchanges.list()).map((e) => e.id)).toEqual([c.id]);
    expect(await db.messages.forExchange({ exchangeId: a.id })).toEqual([]);
    expect(await db.approvals.forExchange({ exchangeId: b.id })).toEqual([]);
    expect(await db.messages.forExchange({ exchangeId: c.id })).toHaveLength(2);
    expect(await db.approvals.forExchange({ exchangeId: c.id })).toHaveLength(1);

    expect(await db.exchanges.remove({ id: c.id })).toBe(true);
    expect(await db.exchanges.remove({ id: c.id })).toBe(false);
    expect(await db.messages.forExchange({ exchangeId: c.id })).toEqual([]);
    expect(await db.approvals.listPending()).toEqual([]);
    db.close();
  });

  it('clearHistory({all: true}) also removes unfinished ones', async () => {
    const db = await freshDb();
    await db.exchanges.create({ state: state() });
    expect(await db.exchanges.clearHistory()).toBe(0);
    expect(await db.exchanges.clearHistory({ all: true })).toBe(1);
    expect(await db.exchanges.list()).toEqual([]);
    db.close();
  });
});
