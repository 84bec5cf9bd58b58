// Page world (MAIN): the rest of CHAPI's page side, injected by the background into one frame on
// its first `web` get()/store() (argument checks with named TypeErrors, the wallet channel).
// Hands its handlers to the every-page stub (entrypoints/chapi-page-stub.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createWebHandlers, activationReader } from '../utils/chapi/page/install-credentials-api';
import { createWalletChannel } from '../utils/chapi/page/wallet-channel';
import { HANDOFF_KEY } from '../utils/chapi/channel';

export default defineUnlistedScript(() => {
  const give = (window as unknown as Record<symbol, unknown>)[Symbol.for(HANDOFF_KEY)];
  if (typeof give !== 'function') return;
  give(createWebHandlers({ channel: createWalletChannel({ win: window as never }), hasActivation: activationReader(navigator) }));
});
