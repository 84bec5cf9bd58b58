// The wallet itself: its DID.
import type { Specs } from './spec';
import { empty } from './validate';

export interface WalletInfo {
  did: string;
  verificationMethod: string;
  /**
   * 'wrap-only': a WebCrypto key that leaves the background only wrapped under a backup passphrase;
   * 'non-extractable': a WebCrypto key the browser will not export (made before backups; cannot be
   * backed up); 'extractable': stored as multibase (platforms without WebCrypto Ed25519).
   */
  keyStorage: 'wrap-only' | 'non-extractable' | 'extractable';
}

const KEY_STORAGES: readonly WalletInfo['keyStorage'][] = ['wrap-only', 'non-extractable', 'extractable'];

export interface WalletProtocol {
  getWalletInfo(data?: undefined): WalletInfo;
}

/**
 * The background keeps a copy of its WalletInfo in storage.local under this key, so a wallet page
 * can paint the DID at once — before a stopped worker has started — and confirm it with
 * getWalletInfo. Part of the contract: only the background writes it.
 */
export const WALLET_INFO_CACHE_KEY = 'walletInfo';

/** A cached WalletInfo read back from storage (anything else is ignored). */
export function cachedWalletInfo(value: unknown): WalletInfo | undefined {
  const v = value as Partial<WalletInfo> | undefined;
  if (!v || typeof v !== 'object' || typeof v.did !== 'string' || !v.did.startsWith('did:')) return undefined;
  if (typeof v.verificationMethod !== 'string') return undefined;
  if (!KEY_STORAGES.includes(v.keyStorage as WalletInfo['keyStorage'])) return undefined;
  return { did: v.did, verificationMethod: v.verificationMethod, keyStorage: v.keyStorage as WalletInfo['keyStorage'] };
}

export const walletSpecs: Specs<WalletProtocol> = {
  getWalletInfo: { access: 'extension', parse: empty() },
};
