// Durable exchange store: one JSON file per exchange in `${dataDir}/exchanges`, written to a
// temporary file, flushed, then renamed over the old one, so a crash never leaves half a file
// and exchanges survive a restart.
import { access, link, mkdir, open, readFile, rename, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isWorkflowId, type WorkflowConfig } from './workflows';

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

export async function atomicWriteJson({ path, value, mode = 0o600 }: {
  path: string; value: unknown; mode?: number;
}): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(JSON.stringify(value, null, 2));
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

/** What the routes need of a store; any engine that gives this can back the service. */
export interface ServiceStore extends WorkflowRecords {
  init(): Promise<void>;
  get(args: { id: string }): Promise<StoredExchange | undefined>;
  put(args: { exchange: StoredExchange }): Promise<void>;
  sweep(args?: { now?: number; graceMs?: number }): Promise<number>;
  /** Throws when the store cannot be reached (GET /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}


export class ExchangeStore implements ServiceStore {
  private dir: string;
  private workflowDir: string;

  constructor({ dataDir }: { dataDir: string }) {
    this.dir = join(dataDir, 'exchanges');
    this.workflowDir = join(dataDir, 'workflows');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await mkdir(this.workflowDir, { recursive: true, mode: 0o700 });
  }

  async ping(): Promise<void> {
    await access(this.dir);
    await access(this.workflowDir);
  }

  async close(): Promise<void> {
    // nothing held open between calls
  }

  private workflowPath(id: string): string {
    if (!isWorkflowId(id)) throw new TypeError('"id" must be a workflow id.');
    return join(this.workflowDir, `${encodeURIComponent(id)}.json`); // a urn:uuid's colons stay out of file names
  }

  async getWorkflow({ id }: { id: string }): Promise<WorkflowConfig | undefined> {
    if (!isWorkflowId(id)) return undefined;
    try {
      return JSON.parse(await readFile(this.workflowPath(id), 'utf8')) as WorkflowConfig;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async putWorkflow({ workflow }: { workflow: WorkflowConfig }): Promise<void> {
    await atomicWriteJson({ path: this.workflowPath(workflow.id), value: workflow });
  }

  async createWorkflow({ workflow }: { workflow: WorkflowConfig }): Promise<boolean> {
    const path = this.workflowPath(workflow.id);
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(workflow, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, path); // atomic: fails with EEXIST rather than replacing
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  private path(id: string): string {
    if (!isExchangeId(id)) throw new TypeError('"id" must be an exchange id.');
    return join(this.dir, `${id}.json`);
  }

  async get({ id }: { id: string }): Promise<StoredExchange | undefined> {
    if (!isExchangeId(id)) return undefined;
    try {
      return JSON.parse(await readFile(this.path(id), 'utf8')) as StoredExchange;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async put({ exchange }: { exchange: StoredExchange }): Promise<void> {
    await atomicWriteJson({ path: this.path(exchange.id), value: exchange });
  }

  /** Deletes exchanges that expired more than `graceMs` ago; returns how many. */
  async sweep({ now = Date.now(), graceMs = 24 * 3600_000 } = {}): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -5);
      const exchange = await this.get({ id }).catch(() => undefined);
      if (exchange && Date.parse(exchange.expires) + graceMs < now) {
        await unlink(this.path(id)).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }
}
