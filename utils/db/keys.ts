import { keyCurveOf, type WalletKey } from '../crypto';
import { requireString } from './errors';
import type { KeyRecord, WalletIdb } from './schema';
import { monotonicClock, type Clock } from './clock';

export interface KeysRepository {
  /** The wallet's signing key and DID: the oldest stored Ed25519 key (never the second, P-256 holder key). */
  getPrimary(): Promise<WalletKey | undefined>;
  /** Stores a key (keeps the first createdAt if the DID is already stored). */
  put(options: { key: WalletKey }): Promise<void>;
  /**
   * Returns the primary key, generating and storing one if there is none. Safe
   * against two callers racing on first run: both get the same key.
   */
  ensurePrimary(options: { generate: () => Promise<WalletKey> }): Promise<WalletKey>;
  list(): Promise<KeyRecord[]>;
}

function checkKey(key: WalletKey): void {
  if (!key || typeof key !== 'object') throw new TypeError('"key" must be a WalletKey.');
  requireString(key.did, 'key.did');
  requireString(key.verificationMethod, 'key.verificationMethod');
  requireString(key.publicKeyMultibase, 'key.publicKeyMultibase');
}

export function createKeysRepository({ idb, now = monotonicClock() }: { idb: WalletIdb; now?: Clock }): KeysRepository {
  // The primary is the oldest Ed25519 key: a P-256 holder key that is older (e.g. restored from a
  // backup whose Ed25519 key could not leave its browser) must not change the wallet's DID.
  const isPrimaryKind = (record: KeyRecord | undefined) => !!record && keyCurveOf({ key: record.key }) === 'Ed25519';
  const oldest = async () => (await idb.getAllFromIndex('keys', 'by-createdAt')).find(isPrimaryKind);

  return {
    async getPrimary() {
      return (await oldest())?.key;
    },

    async put({ key }) {
      checkKey(key);
      const tx = idb.transaction('keys', 'readwrite');
      const existing = await tx.store.get(key.did);
      await tx.store.put({ did: key.did, key, createdAt: existing?.createdAt ?? now() });
      await tx.done;
    },

    async ensurePrimary({ generate }) {
      if (typeof generate !== 'function') throw new TypeError('"generate" must be a function.');
      const found = await oldest();
      if (found) return found.key;
      const key = await generate(); // not inside a transaction: it awaits non-IDB work
      checkKey(key);
      const tx = idb.transaction('keys', 'readwrite');
      const raced = (await tx.store.index('by-createdAt').getAll()).find(isPrimaryKind);
      if (raced) {
        await tx.done;
        return raced.key;
      }
      await tx.store.add({ did: key.did, key, createdAt: now() });
      await tx.done;
      return key;
    },

    async list() {
      return idb.getAllFromIndex('keys', 'by-createdAt');
    },
  };
}
