// What the service stores and the interface of its store. The store itself is SQL (sql-store.ts,
// PostgreSQL or PGlite); one JSON file per exchange was the earlier way, imported once at start.
import { open, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { WorkflowConfig } from './workflows';
import type { StatusStore } from './status-lists';

export type ExchangeState = 'pending' | 'active' | 'complete' | 'invalid';

export interface StoredExchange {
  id: string;
  workflowId: string;
  state: ExchangeState;
  sequence: number;
  created: string;
  expires: string;
  step: string;
  variables: Record<string, unknown> & { results: Record<string, unknown> };
  /** Challenges handed out per step (not shown to readers). */
  challenges: Record<string, string>;
  /** VCALM referenceId sent with each step's request (urn:uuid); the client's echo must match. */
  referenceIds?: Record<string, string>;
  /** Where to POST `{event: {data: {exchangeId}}}` after each step (VCALM §3.6.7), given at creation. */
  callback?: { url: string };
  lastError?: { name: string; message: string };
  /** OpenID4VCI bookkeeping (oid4vci/routes.ts): the one live c_nonce, wrong transaction codes. */
  oid4vci?: { nonce?: string; nonceExpires?: string; txCodeFailures?: number };
}

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const isExchangeId = (id: string) => ID_PATTERN.test(id);

/** An unguessable exchange id: 128 random bits, base64url. */
export const newExchangeId = () => randomBytes(16).toString('base64url');

/** Writes to a temporary file, flushes, renames over `path`: a crash never leaves half a file. `raw`: a string as it is. */
export async function atomicWriteJson({ path, value, mode = 0o600, raw = false }: {
  path: string; value: unknown; mode?: number; raw?: boolean;
}): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(raw ? String(value) : JSON.stringify(value, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** Workflow configurations (VCALM §3.6.1/§3.6.2): the seed file's and those made by POST /workflows. */
export interface WorkflowRecords {
  getWorkflow(args: { id: string }): Promise<WorkflowConfig | undefined>;
  /** Insert or replace (the seed file's workflows, at start-up). */
  putWorkflow(args: { workflow: WorkflowConfig }): Promise<void>;
  /** Insert only; `false` when a workflow with that id exists (nothing changed). */
  createWorkflow(args: { workflow: WorkflowConfig }): Promise<boolean>;
}

/**
 * A participation's own view of the store: its first read of the exchange is the one its writes
 * are checked against; `allocate` reserves status indices that its next write of the exchange
 * records (together with the new state, or not at all).
 */
export interface Participation {
  get(args: { id: string }): Promise<StoredExchange | undefined>;
  getLive(args: { id: string }): Promise<{ exchange: StoredExchange; expired: boolean } | undefined>;
  put(args: { exchange: StoredExchange }): Promise<void>;
  allocate: StatusStore['allocate'];
}

/** What the routes need of a store; any engine that gives this can back the service. */
export interface ServiceStore extends WorkflowRecords {
  init(): Promise<void>;
  get(args: { id: string }): Promise<StoredExchange | undefined>;
  /** The exchange and whether it has expired by the store's clock (the database's `now()`). */
  getLive(args: { id: string }): Promise<{ exchange: StoredExchange; expired: boolean } | undefined>;
  /** A new exchange; `ttlSeconds` given: its expiry is set by the store's clock. Answers with what was stored. */
  create(args: { exchange: StoredExchange; ttlSeconds?: number }): Promise<StoredExchange>;
  put(args: { exchange: StoredExchange }): Promise<void>;
  sweep(args?: { graceMs?: number }): Promise<number>;
  /**
   * Runs one participation on exchange `key` so that no other (in this or any other instance on
   * the same database) interleaves with it: `task` reads and writes the exchange through the
   * `Participation` it is given, whose write is refused (and the task run again) if another
   * writer came between its read and its write (sql-store.ts).
   */
  queue: { run<T>(args: { key: string; task: (participation: Participation) => Promise<T> }): Promise<T> };
  /** Throws when the store cannot be reached (GET /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
