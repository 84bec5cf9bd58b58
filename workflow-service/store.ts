// Durable exchange store: one JSON file per exchange in `${dataDir}/exchanges`, written to a
// temporary file, flushed, then renamed over the old one, so a crash never leaves half a file
// and exchanges survive a restart.
import { mkdir, open, readFile, rename, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

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

export class ExchangeStore {
  private dir: string;

  constructor({ dataDir }: { dataDir: string }) {
    this.dir = join(dataDir, 'exchanges');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
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
