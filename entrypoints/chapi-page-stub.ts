// Page world (MAIN), at document_start in every frame of http(s) pages: the small every-page
// part of CHAPI (utils/chapi/page/stub.ts). The first `web` get()/store() asks the bridge stub
// for the rest; the background injects entrypoints/chapi-page-full.ts, which hands its handlers
// over under Symbol.for(HANDOFF_KEY). Registered by the background (utils/wallet/chapi/
// register-chapi-scripts.ts), not in the manifest: no WXT content-script wrapper to ship.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installStub, type WebHandlers } from '../utils/chapi/page/stub';
import { HANDOFF_KEY, PAGE_CHANNEL } from '../utils/chapi/channel';

export default defineUnlistedScript(() => {
  const w = window;
  const post = w.postMessage.bind(w);
  const listen = w.addEventListener.bind(w);
  const unlisten = w.removeEventListener.bind(w);
  const load = () => new Promise<WebHandlers>((resolve, reject) => {
    const id = w.crypto.randomUUID(); // load() runs only where navigator.credentials is: a secure context
    const fail = (message: string) => {
      done();
      reject(new DOMException(message, 'OperationError'));
    };
    // no bridge (the extension was reloaded or removed since this page loaded): say so
    const timer = setTimeout(() => fail('The wallet is not available here; reload the page.'), 5000);
    const onMessage = (event: MessageEvent) => {
      const d = event.data as { channel?: unknown; to?: unknown; id?: unknown; loaded?: unknown } | null;
      if (event.source === w && d?.channel === PAGE_CHANNEL && d.to === 'page' && d.id === id && d.loaded === false) {
        fail('The wallet could not start here.');
      }
    };
    const done = () => {
      clearTimeout(timer);
      unlisten('message', onMessage);
    };
    Object.defineProperty(w, Symbol.for(HANDOFF_KEY), {
      configurable: true,
      value: (handlers: WebHandlers) => {
        done();
        resolve(handlers);
      },
    });
    listen('message', onMessage);
    post({ channel: PAGE_CHANNEL, to: 'wallet', id, op: 'load' }, '/');
  });
  installStub({ win: w as never, load });
});
