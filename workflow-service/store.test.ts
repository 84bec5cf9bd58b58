import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExchangeStore, newExchangeId, type StoredExchange } from './store';

let dataDir: string;
let store: ExchangeStore;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ws-store-'));
  store = new ExchangeStore({ dataDir });
  await store.init();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const exchange = (expires: string): StoredExchange => ({
  id: newExchangeId(),
  workflowId: 'w',
  state: 'pending',
  sequence: 0,
  created: new Date().toISOString(),
  expires,
  step: 'a',
  variables: { results: {} },
  challenges: {},
});

describe('ExchangeStore', () => {
  it('writes atomically (no temporary files left) and reads back', async () => {
    const e = exchange(new Date(Date.now() + 60_000).toISOString());
    await store.put({ exchange: e });
    await store.put({ exchange: { ...e, sequence: 1 } });
    expect(await store.get({ id: e.id })).toEqual({ ...e, sequence: 1 });
    expect((await readdir(join(dataDir, 'exchanges'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('answers undefined for unknown or path-like ids instead of touching other files', async () => {
    expect(await store.get({ id: newExchangeId() })).toBeUndefined();
    expect(await store.get({ id: '../brand-key' })).toBeUndefined();
    await expect(store.put({ exchange: { ...exchange('2030-01-01T00:00:00Z'), id: '../x' } })).rejects.toThrow(TypeError);
  });

  it('sweeps exchanges expired longer than the grace period', async () => {
    const old = exchange(new Date(Date.now() - 2 * 24 * 3600_000).toISOString());
    const recent = exchange(new Date(Date.now() - 1000).toISOString());
    await store.put({ exchange: old });
    await store.put({ exchange: recent });
    expect(await store.sweep()).toBeGreaterThanOrEqual(1);
    expect(await store.get({ id: old.id })).toBeUndefined();
    expect(await store.get({ id: recent.id })).toBeDefined();
  });
});
