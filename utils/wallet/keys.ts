// The wallet's own did:key, made on first run and kept in IndexedDB. With WebCrypto Ed25519
// the private key is a non-extractable CryptoKey (IndexedDB stores it by structured clone;
// nothing can export it); otherwise utils/crypto falls back to an exportable key.
import { generateDidKey, type WalletKey } from '../crypto';

export interface KeyStore {
  get(): Promise<WalletKey | undefined>;
  put(key: WalletKey): Promise<void>;
}

/** Load the wallet key, creating it once (concurrent callers share one creation). */
export function createWalletKeyLoader({ store }: { store: Promise<KeyStore> }): () => Promise<WalletKey> {
  let loading: Promise<WalletKey> | undefined;
  const load = async () => {
    const keys = await store;
    const existing = await keys.get();
    if (existing) return existing;
    const key = await generateDidKey({ extractable: false });
    await keys.put(key);
    return (await keys.get()) ?? key;
  };
  return () => {
    loading ??= load().catch((error) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

export function keyStorage(key: WalletKey): 'non-extractable' | 'extractable' {
  return key.privateKey && !key.secretKeyMultibase ? 'non-extractable' : 'extractable';
}
