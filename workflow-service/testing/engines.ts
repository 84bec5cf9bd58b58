// The two SQL engines for tests that run against both (`describe.each(ENGINES)`): PostgreSQL
// (the run's real server, testing/postgres-global-setup.ts) and PGlite (in memory, one per test
// file). Each store gets a schema of its own, so tests never see each other's rows.
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Database, type EngineName } from '../db';
import { SqlStore } from '../sql-store';
import { generateDidKey, type WalletKey } from '../../utils/crypto';
import type { WorkflowServiceOptions } from '../index';

export const ENGINES: EngineName[] = ['pg', 'pglite'];

export const postgresUrl = () => inject('postgresUrl');

let pglite: Promise<Database> | undefined;

/** A new connection to the engine's database (for PostgreSQL a pool of its own: another "instance"). */
export async function openTestDatabase(engine: EngineName): Promise<Database> {
  if (engine === 'pg') return openPostgres({ url: postgresUrl(), max: 5 });
  pglite ??= openPglite({});
  const db = await pglite;
  return { ...db, close: async () => undefined }; // shared by the file's tests
}

export const freshSchema = () => `t_${randomBytes(6).toString('hex')}`;

export async function openTestStore(engine: EngineName, schema = freshSchema()): Promise<SqlStore> {
  const store = new SqlStore({ db: await openTestDatabase(engine), schema });
  await store.init();
  return store;
}

/** startWorkflowService options for an instance on the engine; instances given the same `shared` share one database. */
export async function instanceOptions(engine: EngineName, shared: { schema: string; token: string; brandKey: WalletKey }): Promise<WorkflowServiceOptions> {
  if (engine === 'pg') return { databaseUrl: postgresUrl(), databaseSchema: shared.schema, token: shared.token, brandKey: shared.brandKey };
  return { databaseSchema: shared.schema, token: shared.token, brandKey: shared.brandKey };
}

export async function sharedConfig() {
  return { schema: freshSchema(), token: `shared-token-${randomBytes(8).toString('hex')}`, brandKey: await generateDidKey({ extractable: true }) };
}
