// What CHAPI puts on every page, and the rest on demand (issue 11, finding 10). Two small
// stubs are registered as content scripts for http(s) pages, every frame, at document_start:
// the page-world one hooks navigator.credentials, the isolated-world one waits for its first
// "load". The full page script and bridge are injected into that one frame with
// scripting.executeScript when the page first makes a `web` get()/store() with a user action.
// Registered at run time (not in the manifest) so the stubs ship without WXT's content-script
// wrapper, like the page scanner.
import { browser } from 'wxt/browser';
import { CHAPI_LOAD_PORT } from '../../chapi/channel';
import { frameFromSender } from './frame';

export const CHAPI_STUB_FILES = ['chapi-bridge-stub.js', 'chapi-page-stub.js'] as const;
export const CHAPI_FULL_FILES = { bridge: '/chapi-bridge-full.js', page: '/chapi-page-full.js' } as const;

const MATCHES = ['http://*/*', 'https://*/*'];

export async function registerChapiStubs(): Promise<void> {
  const scripting = browser.scripting;
  const scripts = [
    { id: 'vcalm-chapi-bridge-stub', js: [CHAPI_STUB_FILES[0]], matches: MATCHES, runAt: 'document_start' as const, allFrames: true, persistAcrossSessions: true },
    { id: 'vcalm-chapi-page-stub', js: [CHAPI_STUB_FILES[1]], matches: MATCHES, runAt: 'document_start' as const, allFrames: true, persistAcrossSessions: true, world: 'MAIN' as const },
  ];
  const known = new Set((await scripting.getRegisteredContentScripts({ ids: scripts.map((s) => s.id) })).map((s) => s.id));
  const fresh = scripts.filter((s) => !known.has(s.id));
  const old = scripts.filter((s) => known.has(s.id));
  if (old.length) await scripting.updateContentScripts(old);
  if (fresh.length) await scripting.registerContentScripts(fresh);
}

/** Answers the bridge stub's load port: inject the full bridge and page script into that frame only. */
export function serveChapiLoads(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== CHAPI_LOAD_PORT) return;
    const frame = frameFromSender({ sender: port.sender, extensionId: browser.runtime.id });
    const answer = (loaded: boolean) => {
      try {
        port.postMessage({ loaded });
      } catch {
        // the frame went away meanwhile
      }
    };
    if (!frame) {
      answer(false); // not a page the wallet serves (plain http off loopback, sandboxed frame)
      return;
    }
    const target = frame.documentId
      ? { tabId: frame.tabId, documentIds: [frame.documentId] }
      : { tabId: frame.tabId, frameIds: [frame.frameId] };
    void (async () => {
      try {
        await browser.scripting.executeScript({ target, files: [CHAPI_FULL_FILES.bridge] });
        await browser.scripting.executeScript({ target, files: [CHAPI_FULL_FILES.page], world: 'MAIN' });
        answer(true);
      } catch (error) {
        console.warn('[wallet] CHAPI could not load into the frame', error);
        answer(false);
      }
    })();
  });
}
