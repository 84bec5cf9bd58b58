// The wallet's own did:key, made on first run and kept in IndexedDB. With WebCrypto Ed25519 the
// private key is a CryptoKey stored by structured clone. New keys are made "wrappable": WebCrypto
// lets wrapKey encrypt them, which is how a backup carries them (utils/backup wraps the key under
// the key derived from the backup passphrase — the raw private key never appears in JS memory and
// never leaves the background unencrypted; only the background opens the database). Keys made
// before backups existed are non-extractable: they sign as before but cannot be backed up.
// Where the platform lacks WebCrypto Ed25519, utils/crypto falls back to an exportable key.
import { generateDidKey, keyCurveOf, type WalletKey } from '../crypto';
import type { WalletDb } from '../db';
import type { WalletInfo } from '../messaging';

/**
 * Load the wallet key, creating it once (utils/db makes racing first runs agree on one key).
 * Each call reads the database (a restore may change the primary key); concurrent calls share one read.
 */
export function createWalletKeyLoader({ db }: { db: Promise<WalletDb> }): () => Promise<WalletKey> {
  let loading: Promise<WalletKey> | undefined;
  return () => {
    loading ??= db
      .then((d) => d.keys.ensurePrimary({ generate: () => generateDidKey({ extractable: false, wrappable: true }) }))
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
}

export function keyStorage(key: WalletKey): WalletInfo['keyStorage'] {
  if (key.secretKeyMultibase) return 'extractable';
  return key.privateKey?.extractable ? 'wrap-only' : 'non-extractable';
}

/**
 * Every holder key, the primary (Ed25519) first, then the second holder key: a P-256 did:key
 * (non-extractable, wrappable WebCrypto ECDSA, made on first use and kept beside the primary) for
 * verifiers and issuers that accept only ecdsa-rdfc-2019 / ES256. The primary stays the oldest
 * key, so the wallet's DID does not change. Concurrent first calls share one creation.
 */
export function createHolderKeysLoader({ db, primary }: { db: Promise<WalletDb>; primary: () => Promise<WalletKey> }): () => Promise<WalletKey[]> {
  let creating: Promise<WalletKey> | undefined;
  return async () => {
    const first = await primary(); // makes the primary key first on a fresh wallet: it stays the oldest
    const d = await db;
    const stored = (await d.keys.list()).map((r) => r.key).find((k) => keyCurveOf({ key: k }) === 'P-256');
    if (stored) return [first, stored];
    creating ??= (async () => {
      const key = await generateDidKey({ curve: 'P-256', extractable: false, wrappable: true });
      await d.keys.put({ key });
      return key;
    })().finally(() => { creating = undefined; });
    return [first, await creating];
  };
}
