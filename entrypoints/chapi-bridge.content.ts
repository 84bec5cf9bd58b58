// Isolated world, at document_start in every frame: relays the page world's CHAPI requests to
// the background over one runtime port per request, and the answers back to this frame only.
// The logic lives in utils/chapi/bridge (tested in Node); this file only starts it.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { startBridge, type PortLike } from '../utils/chapi/bridge/relay';
import { CHAPI_PORT } from '../utils/chapi/port-messages';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  main(ctx) {
    const bridge = startBridge({
      win: window as never,
      connect: () => browser.runtime.connect({ name: CHAPI_PORT }) as unknown as PortLike,
      // The isolated world's navigator: out of the page's reach. No API, no requests.
      hasActivation: () => navigator.userActivation?.isActive === true,
    });
    ctx.onInvalidated(() => bridge.stop());
  },
});
