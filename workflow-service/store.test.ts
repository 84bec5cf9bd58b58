// The SQL store on both engines: the same schema and statements on PostgreSQL and PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newExchangeId, type StoredExchange } from './store';
import { SCHEMA_VERSION, SqlStore } from './sql-store';
import { ENGINES, freshSchema, openTestDatabase, openTestStore } from './testing/engines';

const exchange = (expires: string, id = newExchangeId()): StoredExchange => ({
  id,
  workflowId: 'w',
  state: 'pending',
  sequence: 0,
  created: new Date().toISOString(),
  expires,
  step: 'a',
  variables: { results: {} },
  challenges: {},
});
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe.each(ENGINES)('SqlStore on %s', (engine) => {
  let store: SqlStore;
  beforeAll(async () => {
    store = await openTestStore(engine);
  }, 60_000);
  afterAll(async () => {
    await store?.drop();
    await store?.close();
  });

  it('stores and reads back an exchange; an update replaces it', async () => {
    const e = exchange(inMinutes(1));
    await store.put({ exchange: e });
    await store.put({ exchange: { ...e, sequence: 1, state: 'active' } });
    expect(await store.get({ id: e.id })).toEqual({ ...e, sequence: 1, state: 'active' });
  });

  it('sets a ttl exchange\'s expiry by the database clock and says when it has expired', async () => {
    const { rows } = await store.db.query<{ now: Date }>('SELECT now() AS now');
    const created = await store.create({ exchange: exchange(inMinutes(999)), ttlSeconds: 600 });
    const expected = new Date(rows[0].now).getTime() + 600_000;
    expect(Math.abs(Date.parse(created.expires) - expected)).toBeLessThan(60_000);
    expect(await store.get({ id: created.id })).toEqual(created);
    expect((await store.getLive({ id: created.id }))?.expired).toBe(false);
    const past = exchange(new Date(Date.now() - 1000).toISOString());
    await store.put({ exchange: past });
    expect(await store.getLive({ id: past.id })).toMatchObject({ expired: true, exchange: { id: past.id } });
  });

  it('answers undefined for unknown or path-like ids and refuses to store one', async () => {
    expect(await store.get({ id: newExchangeId() })).toBeUndefined();
    expect(await store.get({ id: "x' OR '1'='1" })).toBeUndefined();
    await expect(store.put({ exchange: { ...exchange(inMinutes(1)), id: '../x' } })).rejects.toThrow(TypeError);
  });

  it('purges exchanges expired longer than the grace period (database clock)', async () => {
    const old = exchange(new Date(Date.now() - 2 * 24 * 3600_000).toISOString());
    const recent = exchange(new Date(Date.now() - 1000).toISOString());
    await store.put({ exchange: old });
    await store.put({ exchange: recent });
    expect(await store.sweep()).toBeGreaterThanOrEqual(1);
    expect(await store.get({ id: old.id })).toBeUndefined();
    expect(await store.get({ id: recent.id })).toBeDefined();
    expect(await store.sweep({ graceMs: 0 })).toBeGreaterThanOrEqual(1);
    expect(await store.get({ id: recent.id })).toBeUndefined();
  });

  it('applies its migrations once, and refuses a schema newer than it knows', async () => {
    await store.init(); // again: nothing to do
    const { rows } = await store.db.query<{ version: number }>(`SELECT version FROM "${store.schema}".schema_migrations ORDER BY version`);
    expect(rows.map((r) => Number(r.version))).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    const other = new SqlStore({ db: await openTestDatabase(engine), schema: freshSchema() });
    await other.init();
    await other.db.query(`INSERT INTO "${other.schema}".schema_migrations (version, name) VALUES (999, 'future')`);
    await expect(other.init()).rejects.toMatchObject({ name: 'NotSupportedError' });
    await other.drop();
    await other.close();
  });

  it('keeps workflow configurations: put replaces, create refuses an existing id', async () => {
    const workflow = { id: 'wf-1', initialStep: 'a', steps: { a: {} } };
    expect(await store.getWorkflow({ id: 'wf-1' })).toBeUndefined();
    expect(await store.createWorkflow({ workflow })).toBe(true);
    expect(await store.createWorkflow({ workflow: { ...workflow, initialStep: 'b' } })).toBe(false);
    expect(await store.getWorkflow({ id: 'wf-1' })).toEqual(workflow);
    await store.putWorkflow({ workflow: { ...workflow, requiredVariables: ['x'] } });
    expect(await store.getWorkflow({ id: 'wf-1' })).toEqual({ ...workflow, requiredVariables: ['x'] });
  });

  it('allocates one status index per credential and versions each list\'s bits', async () => {
    const a = await store.allocate({ credentialId: 'urn:uuid:a', exchangeId: 'ex-a' });
    const again = await store.allocate({ credentialId: 'urn:uuid:a' });
    const b = await store.allocate({ credentialId: 'urn:uuid:b' });
    expect(again.index).toBe(a.index);
    expect(b.index).not.toBe(a.index);
    expect(a).toMatchObject({ exchangeId: 'ex-a', revoked: false, suspended: false });
    const before = await store.signedList({ purpose: 'revocation' });
    expect(before.credential).toBeUndefined();
    await store.saveSignedList({ purpose: 'revocation', version: before.version, credential: { signed: 1 } });
    expect(await store.signedList({ purpose: 'revocation' })).toEqual({ version: before.version, credential: { signed: 1 } });
    await store.set({ credentialId: 'urn:uuid:a', purpose: 'revocation', value: true });
    const after = await store.signedList({ purpose: 'revocation' });
    expect(after).toEqual({ version: before.version + 1 }); // the kept credential no longer shows the bits
    expect(await store.setIndices({ purpose: 'revocation' })).toEqual([a.index]);
    expect(await store.setIndices({ purpose: 'suspension' })).toEqual([]);
    await expect(store.set({ credentialId: 'urn:uuid:nope', purpose: 'revocation', value: true })).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('runs two participations on one exchange one after the other, even from two connections', async () => {
    const e = exchange(inMinutes(5));
    await store.put({ exchange: e });
    const second = new SqlStore({ db: await openTestDatabase(engine), schema: store.schema }); // another instance's pool
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => { releaseFirst = resolve; });
    let firstRead!: () => void;
    const read = new Promise<void>((resolve) => { firstRead = resolve; });
    const bump = (who: SqlStore, name: string, hold?: Promise<void>) => who.queue.run({
      key: e.id,
      task: async (p) => {
        const current = (await p.get({ id: e.id }))!;
        order.push(`${name} read ${current.sequence}`);
        if (hold) {
          firstRead();
          await hold;
        }
        await p.put({ exchange: { ...current, sequence: current.sequence + 1 } });
        order.push(`${name} wrote ${current.sequence + 1}`);
        return current.sequence;
      },
    });
    // the first reads, then waits while the second reads and writes: the first's write (made
    // on what it read) is refused and it runs again on the second's result; no update is lost
    const first = bump(store, 'first', firstHolds);
    await read;
    expect(await bump(second, 'second')).toBe(0);
    releaseFirst();
    expect(await first).toBe(1);
    expect(order).toEqual(['first read 0', 'second read 0', 'second wrote 1', 'first read 1', 'first wrote 2']);
    expect((await store.get({ id: e.id }))!.sequence).toBe(2);
    await second.close();
  });

  it('writes a participation\'s status entries with its exchange, or neither', async () => {
    const e = exchange(inMinutes(5));
    await store.put({ exchange: e });
    const second = new SqlStore({ db: await openTestDatabase(engine), schema: store.schema });
    const entries = async () => (await store.db.query<{ credential_id: string }>(
      `SELECT credential_id FROM "${store.schema}".status_entries WHERE exchange_id = $1 ORDER BY credential_id`, [e.id])).rows.map((r) => r.credential_id);
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => { releaseFirst = resolve; });
    let firstAllocated!: () => void;
    const allocated = new Promise<void>((resolve) => { firstAllocated = resolve; });
    let attempts = 0;
    const issue = (who: SqlStore, name: string, hold?: Promise<void>) => who.queue.run({
      key: e.id,
      task: async (p) => {
        attempts++;
        const current = (await p.get({ id: e.id }))!;
        if (current.state === 'complete') throw Object.assign(new Error('Exchange is complete.'), { name: 'NotAllowedError' });
        const status = await p.allocate({ credentialId: `urn:uuid:${name}-${attempts}`, exchangeId: e.id });
        // reserved, not recorded until the exchange's write
        expect(await entries()).not.toContain(`urn:uuid:${name}-${attempts}`);
        if (hold) {
          firstAllocated();
          await hold;
        }
        await p.put({ exchange: { ...current, state: 'complete', sequence: current.sequence + 1 } });
        return status.index;
      },
    });
    const first = issue(store, 'first', firstHolds);
    await allocated;
    await issue(second, 'second');
    releaseFirst();
    // the first lost: its entry was never written; run again it finds the exchange complete
    await expect(first).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(await entries()).toEqual(['urn:uuid:second-2']);
    expect((await store.get({ id: e.id }))!).toMatchObject({ state: 'complete', sequence: 1 });

    // a status index taken meanwhile undoes the whole write (exchange unchanged), and the
    // participation runs again with another index
    const f = exchange(inMinutes(5));
    await store.put({ exchange: f });
    let tries = 0;
    const index = await store.queue.run({
      key: f.id,
      task: async (p) => {
        tries++;
        const current = (await p.get({ id: f.id }))!;
        const status = await p.allocate({ credentialId: `urn:uuid:f-${tries}`, exchangeId: f.id });
        if (tries === 1) {
          // another writer takes the very index this attempt reserved
          await second.db.query(`INSERT INTO "${store.schema}".status_entries (credential_id, status_index, exchange_id) VALUES ($1, $2, 'other')`,
            [`urn:uuid:thief-${f.id}`, status.index]);
        }
        await p.put({ exchange: { ...current, state: 'complete', sequence: current.sequence + 1 } });
        return status.index;
      },
    });
    expect(tries).toBe(2);
    expect((await store.getStatus({ credentialId: 'urn:uuid:f-1' }))).toBeUndefined();
    expect((await store.getStatus({ credentialId: 'urn:uuid:f-2' }))!.index).toBe(index);
    expect((await store.get({ id: f.id }))!).toMatchObject({ state: 'complete', sequence: 1 });
    await second.close();
  });

  it('answers 409 InvalidStateError when other writers keep winning, having stored nothing', async () => {
    const e = exchange(inMinutes(5));
    await store.put({ exchange: e });
    let attempts = 0;
    await expect(store.queue.run({
      key: e.id,
      task: async (p) => {
        attempts++;
        const current = (await p.get({ id: e.id }))!;
        await store.put({ exchange: { ...current, step: `other-${attempts}` } }); // another writer, every time
        await p.allocate({ credentialId: `urn:uuid:never-${e.id}-${attempts}`, exchangeId: e.id });
        await p.put({ exchange: { ...current, state: 'complete', sequence: current.sequence + 1 } });
      },
    })).rejects.toMatchObject({ name: 'InvalidStateError', status: 409 });
    expect(attempts).toBe(8);
    expect(await store.get({ id: e.id })).toMatchObject({ state: 'pending', step: 'other-8' });
    const { rows } = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${store.schema}".status_entries WHERE exchange_id = $1`, [e.id]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps what a participation stored before it refused', async () => {
    const e = exchange(inMinutes(5));
    await store.put({ exchange: e });
    const refusal = Object.assign(new Error('wrong code'), { name: 'NotAllowedError' });
    await expect(store.queue.run({
      key: e.id,
      task: async (p) => {
        const current = (await p.get({ id: e.id }))!;
        await p.put({ exchange: { ...current, oid4vci: { txCodeFailures: 1 } } });
        throw refusal;
      },
    })).rejects.toBe(refusal);
    expect((await store.get({ id: e.id }))!.oid4vci).toEqual({ txCodeFailures: 1 });
  });

  it('imports the JSON files of the file store once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-import-'));
    try {
      const e = exchange(inMinutes(5));
      await mkdir(join(dir, 'exchanges'));
      await mkdir(join(dir, 'workflows'));
      await writeFile(join(dir, 'exchanges', `${e.id}.json`), JSON.stringify(e));
      await writeFile(join(dir, 'workflows', 'imported-flow.json'), JSON.stringify({ id: 'imported-flow', initialStep: 'a', steps: { a: {} } }));
      await writeFile(join(dir, 'status-lists.json'), JSON.stringify({
        issued: { 'urn:uuid:imported': { index: 77, exchangeId: e.id, issuedAt: '2026-01-01T00:00:00.000Z', revoked: true, suspended: false } },
      }));
      const importing = new SqlStore({ db: await openTestDatabase(engine), schema: freshSchema() });
      await importing.init();
      expect(await importing.importJsonFiles({ dataDir: dir })).toEqual({ exchanges: 1, workflows: 1, statuses: 1 });
      expect(await importing.get({ id: e.id })).toEqual(e);
      expect(await importing.getWorkflow({ id: 'imported-flow' })).toMatchObject({ initialStep: 'a' });
      expect(await importing.getStatus({ credentialId: 'urn:uuid:imported' })).toMatchObject({ index: 77, revoked: true });
      expect(await importing.setIndices({ purpose: 'revocation' })).toEqual([77]);
      expect((await readdir(dir)).sort()).toEqual(['exchanges.imported', 'status-lists.json.imported', 'workflows.imported']);
      expect(await importing.importJsonFiles({ dataDir: dir })).toEqual({ exchanges: 0, workflows: 0, statuses: 0 });
      await importing.drop();
      await importing.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
