// getWalletInfo: the wallet's DID and how its key is kept. The answer is also kept in
// storage.local (WALLET_INFO_CACHE_KEY) so pages paint the DID without waiting for the worker.
import { browser } from 'wxt/browser';
import { serve } from '../messaging/serve';
import { WALLET_INFO_CACHE_KEY, type WalletInfo } from '../messaging/wallet';
import type { WalletContext } from './context';
import { keyStorage } from './keys';

export function registerWalletService({ ctx }: { ctx: WalletContext }) {
  let cached: string | undefined;
  async function walletInfo(): Promise<WalletInfo> {
    const key = await ctx.key();
    const info: WalletInfo = { did: key.did, verificationMethod: key.verificationMethod, keyStorage: keyStorage(key) };
    const text = JSON.stringify(info);
    if (text !== cached) {
      cached = text;
      await browser.storage.local.set({ [WALLET_INFO_CACHE_KEY]: info });
    }
    return info;
  }
  serve('getWalletInfo', () => walletInfo());
  // First run makes the wallet's DID; every start refreshes the copy pages paint from.
  void walletInfo().catch((error) => console.error('[wallet] key', error));
}
