// The wallet's own did:key, made on first run and kept in IndexedDB. With WebCrypto Ed25519
// the private key is a non-extractable CryptoKey (IndexedDB keeps it by structured clone; nothing
// can export it); where the platform lacks it, utils/crypto falls back to an exportable key.
import { generateDidKey, type WalletKey } from '../crypto';
import type { WalletDb } from '../db';

/** Load the wallet key, creating it once (utils/db makes racing first runs agree on one key). */
export function createWalletKeyLoader({ db }: { db: Promise<WalletDb> }): () => Promise<WalletKey> {
  let loading: Promise<WalletKey> | undefined;
  return () => {
    loading ??= db
      .then((d) => d.keys.ensurePrimary({ generate: () => generateDidKey({ extractable: false }) }))
      .catch((error) => {
        loading = undefined;
        throw error;
      });
    return loading;
  };
}

export function keyStorage(key: WalletKey): 'non-extractable' | 'extractable' {
  return key.privateKey && !key.secretKeyMultibase ? 'non-extractable' : 'extractable';
}
