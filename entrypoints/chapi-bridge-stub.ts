// Isolated world, at document_start in every frame of http(s) pages: the small every-page part
// of the CHAPI bridge. On the page stub's first "load" it asks the background (one runtime port)
// to inject the full bridge here and the full page script into the page world, then says so.
// Nothing else: get/store/cancel are the full bridge's (entrypoints/chapi-bridge-full.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { CHAPI_LOAD_PORT, PAGE_CHANNEL } from '../utils/chapi/channel';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, boolean>;
  if (scope.__vcalmChapiStub) return;
  scope.__vcalmChapiStub = true;
  let loading: Promise<boolean> | undefined;
  addEventListener('message', (event) => {
    const d = event.data as { channel?: unknown; to?: unknown; id?: unknown; op?: unknown } | null;
    if (event.source !== window || d?.channel !== PAGE_CHANNEL || d.to !== 'wallet' || d.op !== 'load' || typeof d.id !== 'string') return;
    const id = d.id.slice(0, 64);
    loading ??= new Promise<boolean>((resolve) => {
      try {
        const port = browser.runtime.connect({ name: CHAPI_LOAD_PORT });
        port.onMessage.addListener((m) => {
          resolve((m as { loaded?: unknown })?.loaded === true);
          port.disconnect();
        });
        port.onDisconnect.addListener(() => resolve(false));
      } catch {
        resolve(false); // the extension was reloaded: the page stub reports it
      }
    });
    void loading.then((loaded) => {
      if (!loaded) loading = undefined;
      postMessage({ channel: PAGE_CHANNEL, to: 'page', id, loaded }, '/');
    });
  });
});
