import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletKey } from '../crypto';
import { openWalletDb, type WalletDb } from '../db';
import type { WorkflowService } from '../../workflow-service';
import { createDbSource } from './source';
import { realRun, startService, type RealRun } from './test-support';

let service: WorkflowService;
let key: WalletKey;
let run: RealRun;
let db: WalletDb;
beforeAll(async () => {
  ({ service, key } = await startService());
  run = await realRun({ service, key, source: 'page' });
  db = await openWalletDb({ name: `inspect-${crypto.randomUUID()}` });
  // what the wallet core stores: the utils/db record with state, source, credentialIds, notes
  await db.exchanges.create({ id: run.state.id, state: run.state, source: 'page', pageOrigin: 'https://shop.example', credentialIds: ['urn:c'], notes: ['Stored 1 credential.'] } as never);
  for (const message of run.messages) await db.messages.append({ message });
  await db.approvals.create({ kind: 'presentation', exchangeId: run.state.id, origin: service.baseUrl, payload: { view: { kind: 'present', queries: [{ type: 'DIDAuthentication' }] }, request: { challenge: 'x' } } });
  // one still running, one unreadable
  await db.exchanges.create({ id: 'running', state: { ...run.state, id: 'running', status: 'request' } } as never);
  await db.idb.put('exchanges', { id: 'broken', status: 'complete', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } as never);
});
afterAll(async () => { db?.close(); await service?.close(); });

describe('the inspector reads what the wallet stored', () => {
  it('lists exchanges (skipping unreadable records) with source, page and state', async () => {
    const source = createDbSource({ db });
    const list = await source.listExchanges();
    expect(list.map((e) => e.id).sort()).toEqual([run.state.id, 'running'].sort());
    expect(await source.getExchange({ id: run.state.id })).toMatchObject({ source: 'page', pageOrigin: 'https://shop.example', status: 'complete', credentialIds: ['urn:c'], notes: ['Stored 1 credential.'] });
    expect(await source.getExchange({ id: 'nope' })).toBeUndefined();
  });

  it('gives the transcript in order and the approvals with their views', async () => {
    const source = createDbSource({ db });
    expect((await source.messages({ exchangeId: run.state.id })).map((m) => m.seq)).toEqual([0, 1, 2]);
    const [approval] = await source.approvals({ exchangeId: run.state.id });
    expect(approval).toMatchObject({ kind: 'presentation', view: { kind: 'present' } });
    expect(approval).not.toHaveProperty('payload');
  });

  it('reopens the database when its connection was closed under it', async () => {
    const name = `inspect-reopen-${crypto.randomUUID()}`;
    const first = await openWalletDb({ name });
    await first.exchanges.create({ id: 'x', state: { ...run.state, id: 'x' } } as never);
    let reopened = 0;
    const source = createDbSource({ db: first, reopen: () => { reopened++; return openWalletDb({ name }); } });
    first.close(); // what utils/db does when a newer version wants to upgrade
    expect((await source.listExchanges()).map((e) => e.id)).toEqual(['x']);
    expect(await source.getExchange({ id: 'x' })).toBeTruthy();
    expect(reopened).toBe(1);
    await expect(createDbSource({ db: first }).listExchanges()).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('clear history removes finished exchanges with their messages and approvals, keeps running ones', async () => {
    const source = createDbSource({ db });
    expect(await source.clearHistory()).toBe(2); // the complete one and the broken (complete) record
    expect((await source.listExchanges()).map((e) => e.id)).toEqual(['running']);
    expect(await source.messages({ exchangeId: run.state.id })).toEqual([]);
    expect(await source.approvals({ exchangeId: run.state.id })).toEqual([]);
  });
});
