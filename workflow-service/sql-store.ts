// The service's one store: exchanges, workflow configurations and the status-list bits in SQL,
// the same schema and statements on PostgreSQL (`pg`) and on PGlite (db.ts). What makes many
// service instances on one database run each exchange exactly once:
//   - `lock({key: exchangeId, task})` runs a participation optimistically: the task's first read
//     of that exchange (through the view it is handed) notes the row's `version`; its write is
//     one statement that changes the exchange only if the version is still the one read, and
//     inserts the status entries of what the task issued in that same statement (they commit
//     together, or not at all). When another instance (or request) wrote first, nothing is
//     stored, the credentials this attempt signed are dropped unseen, and the task runs again on
//     the fresh row, where it finds, say, `complete` and is refused exactly as if it had waited
//     on a lock. The challenge is used up by the write that wins. No transaction stays open
//     across the cryptography: a participation is two statements (read, write).
//   - expiry is decided by the database's clock (`now()`), never an instance's; expired exchanges
//     are purged by any instance (`sweep`, an idempotent DELETE).
//   - schema changes are versioned migrations, applied under an advisory lock at start-up.
import { readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import type { Database } from './db';
import { isExchangeId, type Participation as ParticipationView, type ServiceStore, type StoredExchange } from './store';
import type { WorkflowConfig } from './workflows';
import { LIST_LENGTH, type IssuedStatus, type StatusPurpose, type StatusStore } from './status-lists';
import { HttpError, notFound } from './errors';
import { KeyedQueue } from '../utils/keyed-queue';
import { namedError } from '../utils/errors';

/** Each entry runs once per database, in order, in one transaction with its version row. */
const MIGRATIONS: { version: number; name: string; up: (s: string) => string[] }[] = [
  {
    version: 1,
    name: 'exchanges, workflows, status entries and lists',
    up: (s) => [
      `CREATE TABLE ${s}.exchanges (
         id text PRIMARY KEY,
         workflow_id text NOT NULL,
         state text NOT NULL,
         created timestamptz NOT NULL DEFAULT now(),
         expires timestamptz NOT NULL,
         doc jsonb NOT NULL)`,
      `CREATE INDEX exchanges_expires ON ${s}.exchanges (expires)`,
      `CREATE TABLE ${s}.workflows (
         id text PRIMARY KEY,
         config jsonb NOT NULL,
         created timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE ${s}.status_entries (
         credential_id text PRIMARY KEY,
         status_index integer NOT NULL UNIQUE,
         exchange_id text,
         issued_at timestamptz NOT NULL DEFAULT now(),
         revoked boolean NOT NULL DEFAULT false,
         suspended boolean NOT NULL DEFAULT false)`,
      `CREATE INDEX status_entries_exchange ON ${s}.status_entries (exchange_id)`,
      // version: bumped by every change of a list's bits; the signed credential is kept with the
      // version it shows, so every instance serves the same one and re-signs only after a change
      `CREATE TABLE ${s}.status_lists (
         purpose text PRIMARY KEY,
         version bigint NOT NULL DEFAULT 0,
         signed_version bigint,
         credential jsonb)`,
      `INSERT INTO ${s}.status_lists (purpose) VALUES ('revocation'), ('suspension')`,
      `CREATE TABLE ${s}.imports (
         name text PRIMARY KEY,
         count integer NOT NULL,
         imported_at timestamptz NOT NULL DEFAULT now())`,
    ],
  },
  {
    version: 2,
    name: 'exchanges.version: the row version optimistic participations check',
    // bumped by every write of the row (the VCALM `sequence` in the document is not: an OID4VCI
    // nonce or a wrong transaction code is stored without a new sequence)
    up: (s) => [`ALTER TABLE ${s}.exchanges ADD COLUMN version integer NOT NULL DEFAULT 0`],
  },
];

/** How often a participation runs again after another writer changed its exchange first. */
const PARTICIPATION_ATTEMPTS = 8;
/** Random status indices the participation's read checks are free (its issuance takes them). */
const FREE_CANDIDATES = 4;

/** What a participation (`lock`) knows between its read and its write. */
interface Participation {
  key: string;
  /** The row version its first read of `key` saw (the write's condition). */
  version?: number;
  /** Status indices the read found free, not yet given out. */
  free: number[];
  /** Status entries of credentials issued in this attempt, inserted with the exchange's write. */
  entries: { credentialId: string; index: number; exchangeId: string | null }[];
  /** An earlier attempt's entries collided: look up credential ids before giving a new index. */
  careful: boolean;
}

/** The participation's write found the row changed since its read (or an index taken): run it again. */
const STALE = Symbol('stale participation');
const stale = () => Object.assign(new Error('The exchange changed since it was read.'), { [STALE]: true });
const isStale = (error: unknown) => !!error && typeof error === 'object' && STALE in error;

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface ExchangeRow {
  doc: StoredExchange;
  created: Date | string;
  expires: Date | string;
  expired: boolean;
  version: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export class SqlStore implements ServiceStore, StatusStore {
  readonly db: Database;
  readonly schema: string;
  private s: string;

  constructor({ db, schema = 'workflow_service' }: { db: Database; schema?: string }) {
    if (!SCHEMA_NAME.test(schema)) throw new TypeError('"schema" must be a lowercase SQL identifier.');
    this.db = db;
    this.schema = schema;
    this.s = `"${schema}"`;
  }

  /** Creates the schema and applies the migrations this database lacks (one instance at a time). */
  async init(): Promise<void> {
    const s = this.s;
    await this.db.transaction(async (tx) => {
      // one migrating instance per database; the others wait here, then find nothing to do
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vcalm-workflow-service:${this.schema}`]);
      await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await tx.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`);
      const applied = new Set(rows.map((r) => Number(r.version)));
      const newest = Math.max(0, ...applied);
      if (newest > SCHEMA_VERSION) {
        throw namedError({ name: 'NotSupportedError', message: `The database schema is version ${newest}, newer than this service knows (${SCHEMA_VERSION}); update the service.` });
      }
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.up(s)) await tx.query(statement);
        await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      }
    });
  }

  private closed = false;

  async ping(): Promise<void> {
    if (this.closed) throw namedError({ name: 'InvalidStateError', message: 'The store is closed.' });
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  /** Drops the schema and everything in it (ephemeral services, tests). */
  async drop(): Promise<void> {
    await this.db.query(`DROP SCHEMA IF EXISTS ${this.s} CASCADE`);
  }

  // ── exchanges ────────────────────────────────────────────────────────────────────────────

  /**
   * Runs `task` (one participation on exchange `key`) so that no other participation on it, in
   * this or any other instance, interleaves with it: the task's writes of `key` are conditional
   * on the row being as its first read saw it; when another writer came first the task runs
   * again from its read (at most PARTICIPATION_ATTEMPTS times, then 409). What the task stored is
   * kept even when it then throws (a refusal after a stored change, e.g. `invalid` or a wrong
   * transaction code, keeps that change).
   */
  lock<T>({ key, task }: { key: string; task: (participation: ParticipationView) => Promise<T> }): Promise<T> {
    // one at a time per exchange within this instance (a wallet's retry or double POST waits and
    // then finds the result, instead of verifying and signing only to lose the write); across
    // instances the row version decides
    return this.local.run({ key, task: () => this.optimistic({ key, task }) });
  }

  /** In-process order of the participations of one exchange (see `lock`). */
  private local = new KeyedQueue<string>();

  private async optimistic<T>({ key, task }: { key: string; task: (participation: ParticipationView) => Promise<T> }): Promise<T> {
    let careful = false;
    for (let attempt = 1; ; attempt++) {
      const state: Participation = { key, free: [], entries: [], careful };
      const view: ParticipationView = {
        get: async ({ id }) => {
          const row = await this.row(id, state);
          return row && SqlStore.exchangeOf(row);
        },
        getLive: async ({ id }) => {
          const row = await this.row(id, state);
          return row && { exchange: SqlStore.exchangeOf(row), expired: row.expired };
        },
        put: ({ exchange }) => this.put({ exchange }, state),
        allocate: (options) => this.allocate(options, state),
      };
      try {
        return await task(view);
      } catch (error) {
        if (!isStale(error)) throw error;
        if (attempt >= PARTICIPATION_ATTEMPTS) {
          throw new HttpError({
            name: 'InvalidStateError',
            status: 409,
            message: 'The exchange kept changing while this message was processed (other requests for it won); send the message again.',
          });
        }
        careful ||= (error as { collided?: boolean }).collided === true;
      }
    }
  }

  /** `queue`-shaped view of `lock` (what the routes call). */
  get queue() {
    return { run: <T>(args: { key: string; task: (participation: ParticipationView) => Promise<T> }) => this.lock(args) };
  }

  private async row(id: string, participation?: Participation): Promise<ExchangeRow | undefined> {
    if (!isExchangeId(id)) return undefined;
    const columns = `SELECT doc, created, expires, expires <= now() AS expired, version FROM ${this.s}.exchanges`;
    if (participation?.key === id && participation.version === undefined) {
      // The participation's read: no lock; the version it sees is what its write checks. It also
      // asks which of a few random status indices are free, for what the step may issue.
      const candidates = Array.from({ length: FREE_CANDIDATES }, () => randomInt(LIST_LENGTH));
      // `= ANY` probes the unique index per candidate (a NOT EXISTS over unnest was planned as a
      // hash anti-join over every status entry)
      const { rows } = await this.db.query<ExchangeRow & { taken: number[] }>(
        `${columns.replace(' FROM ', `, ARRAY(SELECT status_index FROM ${this.s}.status_entries WHERE status_index = ANY($2::int[])) AS taken FROM `)} WHERE id = $1`,
        [id, candidates]);
      const row = rows[0];
      if (row) {
        participation.version = Number(row.version);
        const taken = new Set((row.taken ?? []).map(Number));
        participation.free = [...new Set(candidates)].filter((c) => !taken.has(c));
      }
      return row;
    }
    const { rows } = await this.db.query<ExchangeRow>(`${columns} WHERE id = $1`, [id]);
    return rows[0];
  }

  private static exchangeOf(row: ExchangeRow): StoredExchange {
    return { ...row.doc, created: iso(row.created), expires: iso(row.expires) };
  }

  /** The stored exchange, expired or not (see `getLive`). */
  async get({ id }: { id: string }): Promise<StoredExchange | undefined> {
    const row = await this.row(id);
    return row && SqlStore.exchangeOf(row);
  }

  /** The stored exchange and whether the database's clock says it has expired. */
  async getLive({ id }: { id: string }): Promise<{ exchange: StoredExchange; expired: boolean } | undefined> {
    const row = await this.row(id);
    return row && { exchange: SqlStore.exchangeOf(row), expired: row.expired };
  }

  /** Stores the exchange; from a participation (`lock`), only if the row is as its read saw it. */
  async put({ exchange }: { exchange: StoredExchange }, participation?: Participation): Promise<void> {
    if (!isExchangeId(exchange.id)) throw new TypeError('"id" must be an exchange id.');
    if (participation?.key === exchange.id && participation.version !== undefined) {
      await this.participationWrite(participation, exchange);
      return;
    }
    await this.db.query(
      `INSERT INTO ${this.s}.exchanges (id, workflow_id, state, created, expires, doc) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, expires = EXCLUDED.expires, doc = EXCLUDED.doc,
         version = ${this.s}.exchanges.version + 1`,
      [exchange.id, exchange.workflowId, exchange.state, exchange.created, exchange.expires, JSON.stringify(exchange)],
    );
  }

  /**
   * A participation's write: one statement that updates the exchange if its version is still
   * the one read, and only then inserts the status entries of the credentials issued since. A
   * changed version (0 rows) or a status index or credential id taken meanwhile (unique
   * violation: the whole statement is undone) throws `stale` and `lock` runs the task again.
   */
  private async participationWrite(participation: Participation, exchange: StoredExchange): Promise<void> {
    const { entries } = participation;
    let rows: { version: number }[];
    try {
      ({ rows } = await this.db.query<{ version: number }>(
        `WITH updated AS (
           UPDATE ${this.s}.exchanges SET state = $3, expires = $4, doc = $5::jsonb, version = version + 1
           WHERE id = $1 AND version = $2 RETURNING version),
         entries AS (
           INSERT INTO ${this.s}.status_entries (credential_id, status_index, exchange_id)
           SELECT e.credential_id, e.status_index, e.exchange_id
           FROM updated, unnest($6::text[], $7::int[], $8::text[]) AS e(credential_id, status_index, exchange_id))
         SELECT version FROM updated`,
        [exchange.id, participation.version, exchange.state, exchange.expires, JSON.stringify(exchange),
          entries.map((e) => e.credentialId), entries.map((e) => e.index), entries.map((e) => e.exchangeId)]));
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw Object.assign(stale(), { collided: true });
      throw error;
    }
    if (!rows[0]) throw stale();
    participation.version = Number(rows[0].version);
    participation.entries = [];
  }

  /**
   * A new exchange whose expiry the database's clock sets (`now() + ttl`) unless `expires` is
   * given; answers with what was stored (its `created` and `expires` from the database).
   */
  async create({ exchange, ttlSeconds }: { exchange: StoredExchange; ttlSeconds?: number }): Promise<StoredExchange> {
    if (!isExchangeId(exchange.id)) throw new TypeError('"id" must be an exchange id.');
    const { rows } = await this.db.query<{ created: Date; expires: Date }>(
      `INSERT INTO ${this.s}.exchanges (id, workflow_id, state, expires, doc)
       VALUES ($1, $2, $3, COALESCE(now() + $4 * interval '1 second', $5::timestamptz), $6::jsonb)
       RETURNING created, expires`,
      [exchange.id, exchange.workflowId, exchange.state, ttlSeconds ?? null, ttlSeconds === undefined ? exchange.expires : null, JSON.stringify(exchange)],
    );
    return { ...exchange, created: iso(rows[0].created), expires: iso(rows[0].expires) };
  }

  /** The stored row as text (tests: a refusal must leave it byte-for-byte as it was). */
  async rawText({ id }: { id: string }): Promise<string | undefined> {
    const { rows } = await this.db.query<{ text: string }>(
      `SELECT row_to_json(e)::text AS text FROM ${this.s}.exchanges e WHERE id = $1`, [id]);
    return rows[0]?.text;
  }

  /** Deletes exchanges that expired more than `graceMs` ago by the database's clock; returns how many. */
  async sweep({ graceMs = 24 * 3600_000 }: { graceMs?: number } = {}): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM ${this.s}.exchanges WHERE expires < now() - $1 * interval '1 millisecond'`, [graceMs]);
    return rowCount;
  }

  // ── workflows ────────────────────────────────────────────────────────────────────────────

  async getWorkflow({ id }: { id: string }): Promise<WorkflowConfig | undefined> {
    const { rows } = await this.db.query<{ config: WorkflowConfig }>(`SELECT config FROM ${this.s}.workflows WHERE id = $1`, [id]);
    return rows[0]?.config;
  }

  async putWorkflow({ workflow }: { workflow: WorkflowConfig }): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.s}.workflows (id, config) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO UPDATE SET config = EXCLUDED.config`,
      [workflow.id, JSON.stringify(workflow)]);
  }

  async createWorkflow({ workflow }: { workflow: WorkflowConfig }): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO ${this.s}.workflows (id, config) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO NOTHING`,
      [workflow.id, JSON.stringify(workflow)]);
    return rowCount === 1;
  }

  // ── status lists (StatusStore) ───────────────────────────────────────────────────────────

  private static status(row: { status_index: number; exchange_id: string | null; issued_at: Date | string; revoked: boolean; suspended: boolean }): IssuedStatus {
    return {
      index: Number(row.status_index),
      ...(row.exchange_id ? { exchangeId: row.exchange_id } : {}),
      issuedAt: iso(row.issued_at),
      revoked: row.revoked,
      suspended: row.suspended,
    };
  }

  async allocate({ credentialId, exchangeId }: { credentialId: string; exchangeId?: string }, participation?: Participation): Promise<IssuedStatus> {
    if (participation?.version !== undefined) return this.allocateInParticipation(participation, { credentialId, exchangeId });
    // a random free index (neighbours in the list say nothing about issuance order)
    for (let attempt = 0; ; attempt++) {
      const { rows } = await this.db.query<Parameters<typeof SqlStore.status>[0]>(
        `INSERT INTO ${this.s}.status_entries (credential_id, status_index, exchange_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING status_index, exchange_id, issued_at, revoked, suspended`,
        [credentialId, randomInt(LIST_LENGTH), exchangeId ?? null]);
      if (rows[0]) return SqlStore.status(rows[0]);
      const existing = await this.get_status(credentialId);
      if (existing) return existing;
      if (attempt >= 32) await this.checkNotFull();
    }
  }

  private async checkNotFull(): Promise<void> {
    const { rows: counted } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${this.s}.status_entries`);
    if (Number(counted[0].n) >= LIST_LENGTH) throw new Error('The status lists are full.');
  }

  /**
   * Inside a participation the entry is only reserved here (an index its read found free) and
   * inserted by the participation's write, together with the exchange's new state: a credential
   * whose participation loses a race is never recorded. After a collision (`careful`) an id
   * that already has an entry gets that entry, as outside a participation.
   */
  private async allocateInParticipation(participation: Participation, { credentialId, exchangeId }: { credentialId: string; exchangeId?: string }): Promise<IssuedStatus> {
    if (participation.careful) {
      const existing = await this.get_status(credentialId);
      if (existing) return existing;
    }
    const taken = new Set(participation.entries.map((e) => e.index));
    let index = participation.free.find((i) => !taken.has(i));
    for (let attempt = 0; index === undefined; attempt++) {
      const candidates = [...new Set(Array.from({ length: 16 }, () => randomInt(LIST_LENGTH)))].filter((i) => !taken.has(i));
      const { rows } = await this.db.query<{ status_index: number }>(
        `SELECT status_index FROM ${this.s}.status_entries WHERE status_index = ANY($1::int[])`, [candidates]);
      const used = new Set(rows.map((r) => Number(r.status_index)));
      index = candidates.find((i) => !used.has(i));
      if (index === undefined && attempt >= 8) await this.checkNotFull();
    }
    participation.free = participation.free.filter((i) => i !== index);
    participation.entries.push({ credentialId, index, exchangeId: exchangeId ?? null });
    return { index, ...(exchangeId ? { exchangeId } : {}), issuedAt: new Date().toISOString(), revoked: false, suspended: false };
  }

  private async get_status(credentialId: string): Promise<IssuedStatus | undefined> {
    const { rows } = await this.db.query<Parameters<typeof SqlStore.status>[0]>(
      `SELECT status_index, exchange_id, issued_at, revoked, suspended FROM ${this.s}.status_entries WHERE credential_id = $1`, [credentialId]);
    return rows[0] && SqlStore.status(rows[0]);
  }

  getStatus = ({ credentialId }: { credentialId: string }) => this.get_status(credentialId);

  async set({ credentialId, purpose, value }: { credentialId: string; purpose: StatusPurpose; value: boolean }): Promise<IssuedStatus> {
    const column = purpose === 'revocation' ? 'revoked' : 'suspended';
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Parameters<typeof SqlStore.status>[0]>(
        `UPDATE ${this.s}.status_entries SET ${column} = $2 WHERE credential_id = $1
         RETURNING status_index, exchange_id, issued_at, revoked, suspended`, [credentialId, value]);
      if (!rows[0]) throw notFound(`No credential ${credentialId.slice(0, 200)} was issued with a status.`);
      await tx.query(`UPDATE ${this.s}.status_lists SET version = version + 1 WHERE purpose = $1`, [purpose]);
      return SqlStore.status(rows[0]);
    });
  }

  async setIndices({ purpose }: { purpose: StatusPurpose }): Promise<number[]> {
    const column = purpose === 'revocation' ? 'revoked' : 'suspended';
    const { rows } = await this.db.query<{ status_index: number }>(
      `SELECT status_index FROM ${this.s}.status_entries WHERE ${column}`);
    return rows.map((r) => Number(r.status_index));
  }

  /** The list's current version and the signed credential kept for it (if it shows that version). */
  async signedList({ purpose }: { purpose: StatusPurpose }): Promise<{ version: number; credential?: Record<string, unknown> }> {
    const { rows } = await this.db.query<{ version: number; signed_version: number | null; credential: Record<string, unknown> | null }>(
      `SELECT version, signed_version, credential FROM ${this.s}.status_lists WHERE purpose = $1`, [purpose]);
    const row = rows[0];
    const version = Number(row?.version ?? 0);
    return row && row.signed_version !== null && Number(row.signed_version) === version && row.credential
      ? { version, credential: row.credential }
      : { version };
  }

  async saveSignedList({ purpose, version, credential }: { purpose: StatusPurpose; version: number; credential: Record<string, unknown> }): Promise<void> {
    await this.db.query(
      `UPDATE ${this.s}.status_lists SET signed_version = $2, credential = $3::jsonb WHERE purpose = $1 AND version = $2`,
      [purpose, version, JSON.stringify(credential)]);
  }

  // ── one-time import of the JSON files an earlier version kept in the data directory ──────

  /**
   * Imports `{dataDir}/exchanges/*.json`, `{dataDir}/workflows/*.json` and
   * `{dataDir}/status-lists.json` (what the file store wrote) in one transaction, then renames
   * them `*.imported` so it happens once. Rows already in the database win. Returns the counts.
   */
  async importJsonFiles({ dataDir }: { dataDir: string }): Promise<{ exchanges: number; workflows: number; statuses: number }> {
    const counts = { exchanges: 0, workflows: 0, statuses: 0 };
    const dirs = { exchanges: join(dataDir, 'exchanges'), workflows: join(dataDir, 'workflows') };
    const statusFile = join(dataDir, 'status-lists.json');
    const isDir = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);
    const exists = (path: string) => stat(path).then(() => true, () => false);
    const jsonFiles = async (dir: string) => (await isDir(dir)) ? (await readdir(dir)).filter((n) => n.endsWith('.json')) : [];
    const exchangeFiles = await jsonFiles(dirs.exchanges);
    const workflowFiles = await jsonFiles(dirs.workflows);
    const hasStatus = await exists(statusFile);
    if (!exchangeFiles.length && !workflowFiles.length && !hasStatus &&
      !(await isDir(dirs.exchanges)) && !(await isDir(dirs.workflows))) return counts;
    await this.db.transaction(async (tx) => {
      for (const name of exchangeFiles) {
        const exchange = JSON.parse(await readFile(join(dirs.exchanges, name), 'utf8')) as StoredExchange;
        if (!isExchangeId(exchange.id) || `${exchange.id}.json` !== name) continue;
        const { rowCount } = await tx.query(
          `INSERT INTO ${this.s}.exchanges (id, workflow_id, state, created, expires, doc) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (id) DO NOTHING`,
          [exchange.id, exchange.workflowId, exchange.state, exchange.created ?? new Date().toISOString(), exchange.expires, JSON.stringify(exchange)]);
        counts.exchanges += rowCount;
      }
      for (const name of workflowFiles) {
        const workflow = JSON.parse(await readFile(join(dirs.workflows, name), 'utf8')) as WorkflowConfig;
        const { rowCount } = await tx.query(
          `INSERT INTO ${this.s}.workflows (id, config) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO NOTHING`, [workflow.id, JSON.stringify(workflow)]);
        counts.workflows += rowCount;
      }
      if (hasStatus) {
        const state = JSON.parse(await readFile(statusFile, 'utf8')) as { issued?: Record<string, IssuedStatus> };
        for (const [credentialId, issued] of Object.entries(state.issued ?? {})) {
          const { rowCount } = await tx.query(
            `INSERT INTO ${this.s}.status_entries (credential_id, status_index, exchange_id, issued_at, revoked, suspended)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [credentialId, issued.index, issued.exchangeId ?? null, issued.issuedAt, issued.revoked, issued.suspended]);
          counts.statuses += rowCount;
        }
        await tx.query(`UPDATE ${this.s}.status_lists SET version = version + 1`);
      }
      await tx.query(
        `INSERT INTO ${this.s}.imports (name, count) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET count = ${this.s}.imports.count + EXCLUDED.count`,
        ['json-files', counts.exchanges + counts.workflows + counts.statuses]);
    });
    for (const path of [dirs.exchanges, dirs.workflows, statusFile]) {
      if (await exists(path)) await rename(path, `${path}.imported`);
    }
    return counts;
  }
}
