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

export interface WalletProtocol {
  getWalletInfo(data?: undefined): WalletInfo;
}

export const walletSpecs: Specs<WalletProtocol> = {
  getWalletInfo: { access: 'extension', parse: empty() },
};
