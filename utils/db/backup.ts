// Whole-wallet reads and writes for backup and restore: one snapshot of what a backup carries,
// and one transaction that adds a restored wallet — all of it, or (on any error) none of it.
import type { TranscriptMessage } from '../vcalm';
import { canonicalJson } from './errors';
import type { ExchangeRecord, KeyRecord, StoredCredential, WalletIdb } from './schema';
import { monotonicClock, type Clock } from './clock';

export interface WalletSnapshot {
  keys: KeyRecord[];
  credentials: StoredCredential[];
  /** With history only. */
  exchanges?: ExchangeRecord[];
  messages?: TranscriptMessage[];
}

export interface RestoreCounts {
  keysAdded: number;
  credentialsAdded: number;
  /** Already stored, the same credential. */
  credentialsKept: number;
  /** A different credential under the same record id was already stored; the stored one was kept. */
  credentialsConflicting: number;
  exchangesAdded: number;
}

export interface BackupRepository {
  snapshot(options: { includeHistory: boolean }): Promise<WalletSnapshot>;
  /**
   * Adds a restored wallet in one transaction. The restored keys become the wallet's keys, the
   * oldest of them its primary (keys already here stay, dated now, so they no longer come first);
   * credentials, exchanges and messages are added where their ids are free.
   */
  restore(options: { snapshot: WalletSnapshot }): Promise<RestoreCounts>;
}

export function createBackupRepository({ idb, now = monotonicClock() }: { idb: WalletIdb; now?: Clock }): BackupRepository {
  return {
    async snapshot({ includeHistory }) {
      const stores = includeHistory
        ? (['keys', 'credentials', 'exchanges', 'messages'] as const)
        : (['keys', 'credentials'] as const);
      const tx = idb.transaction([...stores], 'readonly');
      const keys = await tx.objectStore('keys').index('by-createdAt').getAll();
      const credentials = await tx.objectStore('credentials').getAll();
      const history = includeHistory
        ? { exchanges: await tx.objectStore('exchanges').getAll(), messages: await tx.objectStore('messages').getAll() }
        : {};
      await tx.done;
      return { keys, credentials, ...history };
    },

    async restore({ snapshot }) {
      const counts: RestoreCounts = { keysAdded: 0, credentialsAdded: 0, credentialsKept: 0, credentialsConflicting: 0, exchangesAdded: 0 };
      const tx = idb.transaction(['keys', 'credentials', 'exchanges', 'messages'], 'readwrite');
      try {
        const keys = tx.objectStore('keys');
        const restoredDids = new Set(snapshot.keys.map((k) => k.did));
        const laterThanAll = now();
        // a backup that carries no key (its keys could not leave their browser) keeps this wallet's
        if (snapshot.keys.length) {
          for (const local of await keys.getAll()) {
            if (!restoredDids.has(local.did)) await keys.put({ ...local, createdAt: laterThanAll });
          }
        }
        for (const record of snapshot.keys) {
          if (!(await keys.count(record.did))) counts.keysAdded++;
          await keys.put(record);
        }
        const credentials = tx.objectStore('credentials');
        for (const record of snapshot.credentials) {
          const existing = await credentials.get(record.id);
          if (!existing) {
            await credentials.add(record);
            counts.credentialsAdded++;
          } else if (canonicalJson(existing.credential) === canonicalJson(record.credential)) {
            counts.credentialsKept++;
          } else {
            counts.credentialsConflicting++;
          }
        }
        const exchanges = tx.objectStore('exchanges');
        const added = new Set<string>();
        for (const record of snapshot.exchanges ?? []) {
          if (await exchanges.count(record.id)) continue;
          await exchanges.add(record);
          added.add(record.id);
          counts.exchangesAdded++;
        }
        const messages = tx.objectStore('messages');
        for (const message of snapshot.messages ?? []) {
          if (added.has(message.exchangeId)) await messages.put(message);
        }
        await tx.done;
      } catch (error) {
        try {
          tx.abort();
        } catch {
          /* already finished */
        }
        await tx.done.catch(() => undefined); // the abort itself; the error that caused it is rethrown
        throw error;
      }
      return counts;
    },
  };
}
