// getWalletInfo: the wallet's DID and how its key is kept.
import { serve } from '../messaging/serve';
import type { WalletContext } from './context';
import { keyStorage } from './keys';

export function registerWalletService({ ctx }: { ctx: WalletContext }) {
  serve('getWalletInfo', async () => {
    const key = await ctx.key();
    return { did: key.did, verificationMethod: key.verificationMethod, keyStorage: keyStorage(key) };
  });
}
