// The two SQL engines behind the store, with one small interface: PostgreSQL through `pg` (a
// pool; any number of service instances share it) and PGlite (`@electric-sql/pglite`, Postgres
// compiled to WebAssembly, in-process, one connection) for the zero-setup default. The store
// sends both the same SQL; this file only opens, queries, runs transactions and closes.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { namedError } from '../utils/errors';

export type EngineName = 'pg' | 'pglite';

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

export interface Database extends Queryable {
  engine: EngineName;
  /**
   * Runs `fn` in one transaction (BEGIN … COMMIT; ROLLBACK when `fn` throws): the statements
   * `fn` sends through `tx` (not through this Database) are that transaction. No
   * AsyncLocalStorage: on Node 20 it puts a hook on every promise, ~10% more CPU for the
   * promise-heavy jsonld code that signs and verifies.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function withContext(db: Omit<Database, 'query' | 'transaction'> & {
  base: Queryable;
  begin<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}): Database {
  return {
    engine: db.engine,
    query: (text, params) => db.base.query(text, params),
    transaction: (fn) => db.begin(fn),
    close: db.close,
  };
}

/** PostgreSQL through a `pg` pool. */
export async function openPostgres({ url, max = 10 }: { url: string; max?: number }): Promise<Database> {
  const { default: pg } = await import('pg');
  // timestamptz and jsonb come back as Date and objects, as from PGlite; bigint (count(*)) as number
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const pool: Pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined); // an idle client's connection dropped: the pool replaces it
  // Statements with parameters are named prepared statements (the name is a hash of the text):
  // each connection parses and plans one once, then only binds and executes it.
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `ws_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  const wrap = (client: Pool | PoolClient): Queryable => ({
    query: async (text, params) => {
      const result = params?.length ? await client.query({ name: nameOf(text), text, values: params }) : await client.query(text);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
  });
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw namedError({ name: 'NotReadableError', message: `Cannot reach the PostgreSQL database (${(cause as Error).message}).`, cause });
  }
  return withContext({
    engine: 'pg',
    base: wrap(pool),
    begin: async (fn) => {
      const client = await pool.connect();
      let broken = false;
      // BEGIN is sent with the transaction's first statement: in the same message (one round
      // trip, not two) when that statement has no parameters, else just before it. A
      // transaction that runs no statement sends neither BEGIN nor COMMIT.
      let begun = false;
      const run = wrap(client);
      const tx: Queryable = {
        query: async (text, params) => {
          if (begun) return run.query(text, params);
          begun = true;
          if (params?.length) {
            await client.query('BEGIN');
            return run.query(text, params);
          }
          const results = (await client.query(`BEGIN; ${text}`)) as unknown as { rows: never[]; rowCount: number | null }[];
          const last = results[results.length - 1];
          return { rows: last.rows, rowCount: last.rowCount ?? 0 };
        },
      };
      try {
        const result = await fn(tx);
        if (begun) await client.query('COMMIT');
        return result;
      } catch (error) {
        if (begun) await client.query('ROLLBACK').catch(() => { broken = true; });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  });
}

const require = createRequire(import.meta.url);
/** The installed PGlite's version (its package.json is not exported: found beside its entry). */
async function pgliteVersion(): Promise<string> {
  const entry = require.resolve('@electric-sql/pglite');
  const pkg = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { name: string; version: string };
  return pkg.name === '@electric-sql/pglite' ? pkg.version : 'unknown';
}

/**
 * A freshly initialised cluster, made once per machine and PGlite version and kept (gzipped tar)
 * in the temporary directory: `initdb` in WebAssembly takes 5-20 s on a busy 2-core machine,
 * loading this takes 1-3 s. Written to a temporary name and renamed, so racing processes are safe.
 */
async function freshCluster(PGliteClass: typeof PGlite): Promise<Blob> {
  const path = join(tmpdir(), `vcalm-workflow-service-pglite-${await pgliteVersion()}.tar.gz`);
  try {
    if ((await stat(path)).size > 0) return new Blob([await readFile(path)]);
  } catch {
    // not made yet
  }
  const db = await PGliteClass.create();
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, path);
  return dump;
}

/**
 * PGlite databases open in this process, by data directory: a second service on the same
 * directory shares the open one (two PGlite instances on one directory would corrupt it).
 */
const openDirs = new Map<string, { db: Promise<Database>; refs: number }>();

/** PGlite in `dir` (made on first use), or in memory when `dir` is undefined. */
export async function openPglite({ dir }: { dir?: string }): Promise<Database> {
  if (!dir) return openPgliteNow({});
  let entry = openDirs.get(dir);
  if (!entry) {
    entry = { db: openPgliteNow({ dir }), refs: 0 };
    openDirs.set(dir, entry);
    entry.db.catch(() => openDirs.delete(dir));
  }
  entry.refs++;
  const db = await entry.db;
  const shared = entry;
  let closed = false;
  return {
    ...db,
    close: async () => {
      if (closed) return;
      closed = true;
      if (--shared.refs > 0) return;
      openDirs.delete(dir);
      await db.close();
    },
  };
}

async function openPgliteNow({ dir }: { dir?: string }): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  let exists = false;
  if (dir) {
    exists = await stat(join(dir, 'PG_VERSION')).then(() => true, () => false);
    if (!exists) await mkdir(dir, { recursive: true, mode: 0o700 });
  }
  const db = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), ...(exists ? {} : { loadDataDir: await freshCluster(PGlite) }) });
  const base: Queryable = {
    query: async (text, params) => {
      const result = await db.query(text, params as unknown[]);
      return { rows: result.rows as never[], rowCount: result.affectedRows ?? result.rows.length };
    },
  };
  return withContext({
    engine: 'pglite',
    base,
    begin: (fn) => db.transaction((tx) => fn({
      query: async (text, params) => {
        const result = await tx.query(text, params as unknown[]);
        return { rows: result.rows as never[], rowCount: result.affectedRows ?? result.rows.length };
      },
    })),
    close: () => db.close(),
  });
}
