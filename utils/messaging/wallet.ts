// The wallet itself: its DID.
import type { Specs } from './spec';
import { empty } from './validate';

export interface WalletInfo {
  did: string;
  verificationMethod: string;
  /** 'non-extractable': a WebCrypto key the browser will not export; 'extractable': stored as multibase. */
  keyStorage: 'non-extractable' | 'extractable';
}

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
  if (v.keyStorage !== 'non-extractable' && v.keyStorage !== 'extractable') return undefined;
  return { did: v.did, verificationMethod: v.verificationMethod, keyStorage: v.keyStorage };
}

export const walletSpecs: Specs<WalletProtocol> = {
  getWalletInfo: { access: 'extension', parse: empty() },
};
