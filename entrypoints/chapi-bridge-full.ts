// Isolated world: the CHAPI bridge, injected by the background into one frame on its first
// `web` get()/store() (see entrypoints/chapi-bridge-stub.ts). Relays the page world's requests
// to the background over one runtime port per request, and the answers back to this frame only.
// The logic lives in utils/chapi/bridge (tested in Node); this file only starts it, once.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { startBridge, type PortLike } from '../utils/chapi/bridge/relay';
import { CHAPI_PORT } from '../utils/chapi/port-messages';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, boolean>;
  if (scope.__vcalmChapiBridge) return;
  scope.__vcalmChapiBridge = true;
  startBridge({
    win: window as never,
    connect: () => browser.runtime.connect({ name: CHAPI_PORT }) as unknown as PortLike,
    // The isolated world's navigator: out of the page's reach. No API, no requests.
    hasActivation: () => navigator.userActivation?.isActive === true,
  });
});
