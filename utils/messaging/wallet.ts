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

export const walletSpecs: Specs<WalletProtocol> = {
  getWalletInfo: { access: 'extension', parse: empty() },
};
