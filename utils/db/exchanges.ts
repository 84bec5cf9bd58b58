import { dbError, isPlainObject, requireString } from './errors';
import type { EngineStateBase, ExchangeRecord, ExchangeRecordStatus, WalletIdb } from './schema';
import { monotonicClock, type Clock } from './clock';
import { hasErrorName } from '../errors';

/** Statuses after which an exchange never changes status again. */
export const FINISHED_STATUSES: readonly ExchangeRecordStatus[] = ['complete', 'declined', 'failed'];

export type NewExchange = Omit<ExchangeRecord, 'id' | 'createdAt' | 'updatedAt' | 'status'> & {
  id?: string;
  status?: ExchangeRecordStatus;
};

/** Fields a step may change. `state` replaces the stored state whole (it is a snapshot). */
export type ExchangePatch = Partial<Omit<ExchangeRecord, 'id' | 'createdAt' | 'updatedAt'>>;

export interface ExchangesRepository {
  /** New exchange; status defaults to state.status. ConstraintError if the id exists. */
  create(input: NewExchange): Promise<ExchangeRecord>;
  get(options: { id: string }): Promise<ExchangeRecord | undefined>;
  /** Newest first. */
  list(options?: { limit?: number }): Promise<ExchangeRecord[]>;
  /** Exchanges that are not finished (to resume after the worker restarts), oldest first. */
  listUnfinished(): Promise<ExchangeRecord[]>;
  /**
   * Saves one step atomically: merges the patch into the record, sets updatedAt,
   * and takes `status` from `patch.state.status` when no status is given.
   * NotFoundError for an unknown id; InvalidStateError when the patch would change
   * the status of a finished exchange (nothing is written then).
   */
  saveStep(options: { id: string; patch: ExchangePatch }): Promise<ExchangeRecord>;
  /** Deletes one exchange with its transcript messages and approvals. */
  remove(options: { id: string }): Promise<boolean>;
  /**
   * Clears history: finished exchanges (or all with `all: true`) with their
   * messages and approvals, in one transaction. Returns how many exchanges went.
   */
  clearHistory(options?: { all?: boolean }): Promise<number>;
}

function checkState(state: unknown): asserts state is EngineStateBase | undefined {
  if (state !== undefined && (!isPlainObject(state) || typeof state.status !== 'string')) {
    throw new TypeError('"state" must be an exchange state object.');
  }
}

export function createExchangesRepository({ idb, now = monotonicClock() }: { idb: WalletIdb; now?: Clock }): ExchangesRepository {
  async function removeWith(ids: string[]): Promise<number> {
    const tx = idb.transaction(['exchanges', 'messages', 'approvals'], 'readwrite');
    const messages = tx.objectStore('messages');
    const approvals = tx.objectStore('approvals');
    let removed = 0;
    for (const id of ids) {
      if ((await tx.objectStore('exchanges').count(id)) === 0) continue;
      await tx.objectStore('exchanges').delete(id);
      await messages.delete(IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
      for (const key of await approvals.index('by-exchangeId').getAllKeys(id)) await approvals.delete(key);
      removed++;
    }
    await tx.done;
    return removed;
  }

  return {
    async create(input) {
      if (!isPlainObject(input)) throw new TypeError('"input" must be an object.');
      checkState(input.state);
      const id = input.id ?? input.state?.id ?? globalThis.crypto.randomUUID();
      requireString(id, 'id');
      if (input.state && input.state.id !== id) throw new TypeError('"state.id" must equal "id".');
      const status = input.status ?? input.state?.status;
      if (typeof status !== 'string') throw new TypeError('"status" (or "state.status") is required.');
      const at = now();
      const record: ExchangeRecord = { ...input, id, status, createdAt: at, updatedAt: at };
      try {
        await idb.add('exchanges', record);
      } catch (cause) {
        if (hasErrorName(cause, 'ConstraintError')) {
          throw dbError({ name: 'ConstraintError', message: `An exchange with id ${id} already exists.`, cause });
        }
        throw cause;
      }
      return record;
    },

    async get({ id }) {
      return idb.get('exchanges', requireString(id, 'id'));
    },

    async list({ limit } = {}) {
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
        throw new TypeError('"limit" must be a positive integer.');
      }
      const out: ExchangeRecord[] = [];
      let cursor = await idb.transaction('exchanges').store.index('by-createdAt').openCursor(null, 'prev');
      while (cursor && (limit === undefined || out.length < limit)) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    },

    async listUnfinished() {
      const all = await idb.getAllFromIndex('exchanges', 'by-createdAt');
      return all.filter((e) => !FINISHED_STATUSES.includes(e.status));
    },

    async saveStep({ id, patch }) {
      requireString(id, 'id');
      if (!isPlainObject(patch)) throw new TypeError('"patch" must be an object.');
      checkState(patch.state);
      if (patch.state && patch.state.id !== id) {
        throw new TypeError('"patch.state.id" is another exchange\'s id.');
      }
      for (const key of ['id', 'createdAt', 'updatedAt'] as const) {
        if (key in patch) throw new TypeError(`"patch.${key}" cannot be changed.`);
      }
      const tx = idb.transaction('exchanges', 'readwrite');
      const current = await tx.store.get(id);
      if (!current) {
        tx.abort();
        await tx.done.catch(() => undefined); // the abort's own error is the one thrown; tx.done only settles
        throw dbError({ name: 'NotFoundError', message: `No exchange with id ${id}.` });
      }
      const status = patch.status ?? patch.state?.status ?? current.status;
      if (FINISHED_STATUSES.includes(current.status) && status !== current.status) {
        tx.abort();
        await tx.done.catch(() => undefined); // the abort's own error is the one thrown; tx.done only settles
        throw dbError({
          name: 'InvalidStateError',
          message: `Exchange ${id} is already ${current.status}; it cannot become ${status}.`,
        });
      }
      const next: ExchangeRecord = { ...current, ...patch, status, updatedAt: now() };
      await tx.store.put(next);
      await tx.done;
      return next;
    },

    async remove({ id }) {
      return (await removeWith([requireString(id, 'id')])) > 0;
    },

    async clearHistory({ all = false } = {}) {
      const records = await idb.getAll('exchanges');
      const ids = records.filter((e) => all || FINISHED_STATUSES.includes(e.status)).map((e) => e.id);
      return removeWith(ids);
    },
  };
}
