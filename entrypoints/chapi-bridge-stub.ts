// Isolated world, at document_start in every frame of http(s) pages: the small every-page part
// of the CHAPI bridge. On the page stub's first "load" it asks the background (one runtime port)
// to inject the full bridge here and the full page script into the page world, then says so.
// Nothing else: get/store/cancel are the full bridge's (entrypoints/chapi-bridge-full.ts).
// In the top frame it is also the page scanner's probe (issue 11, finding 10): a cheap look for
// anything the scanner could report (utils/scan/candidates.ts's words, an image of ≥ 64 px, an
// open shadow root), now and after DOM changes; only then the background injects the scanner.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { CHAPI_LOAD_PORT, PAGE_CHANNEL, SCAN_LOAD_PORT } from '../utils/chapi/channel';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, boolean>;
  if (scope.__vcalmChapiStub) return;
  scope.__vcalmChapiStub = true;
  if (window.top === window) probe();
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

// Superset of what the scanner reports (utils/scan/candidates.ts's QUICK and SCHEMES, collect.ts's
// images): a false yes only loads the scanner, a false no would miss a link. Over the page's HTML,
// so attributes (hrefs) count as well as text.
const WORDS = /interaction:|openid|haip|iuv=|credential_offer|request_uri/i;

/** An image the scanner would report: not both sides known and under 40 px (collect.ts's tooSmall). */
function image(el: Element): boolean {
  const e = el as HTMLImageElement; // or a canvas (no complete, no natural size), or an svg
  // an image still loading counts once loaded (the capturing load listener looks again)
  const [w, h] = e.tagName === 'svg' ? [parseFloat(el.getAttribute('width')!), parseFloat(el.getAttribute('height')!)]
    : e.complete === false ? [1, 1] : [e.naturalWidth ?? e.width, e.naturalHeight ?? e.height];
  return !(w > 0 && h > 0 && w < 40 && h < 40);
}

function probe() {
  let timer = 0;
  let done = false;
  const tell = (scan: boolean) => {
    try {
      browser.runtime.connect({ name: SCAN_LOAD_PORT }).postMessage({ scan });
    } catch {
      done = true; // the extension was reloaded: stop looking
    }
  };
  const look = () => {
    timer = 0;
    const root = document.documentElement;
    if (done || !root) return;
    let hit = WORDS.test(root.outerHTML);
    for (const el of root.querySelectorAll('*')) hit ||= !!el.shadowRoot || (el.matches('img,canvas,svg') && image(el));
    if (hit) tell(done = true);
  };
  const soon = () => {
    timer ||= setTimeout(look, 300) as unknown as number;
  };
  const start = () => {
    tell(false); // a new page: the background forgets the tab's findings
    look();
    new MutationObserver(soon).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    addEventListener('load', soon, true); // an image got its size
  };
  addEventListener('DOMContentLoaded', start); // registered at document_start: the DOM is still loading
  addEventListener('pageshow', (event) => {
    if (event.persisted && !done) tell(false); // back/forward cache: the background forgot this page
  });
}
