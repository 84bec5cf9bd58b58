// The page scanner (entrypoints/page-scanner.ts) is injected on demand (issue 11, finding 10):
// the every-page probe in the CHAPI bridge stub (entrypoints/chapi-bridge-stub.ts) opens
// SCAN_LOAD_PORT with { scan: true } when the top frame holds something the scanner could report,
// and { scan: false } when a new page starts (so the tab's old findings are forgotten even if the
// scanner never loads). The popup asks for the scanner too (loadPageScanner), for pages the probe
// passed over. The scanner guards itself against a second injection.
import { browser } from 'wxt/browser';
import { SCAN_LOAD_PORT } from '../../chapi/channel';

export const PAGE_SCANNER_ID = 'vcalm-page-scanner';
export const PAGE_SCANNER_FILE = '/page-scanner.js';

/** Inject the scanner into a tab's top frame (a no-op where it runs already). */
export async function loadPageScanner({ tabId, documentId }: { tabId: number; documentId?: string }): Promise<void> {
  const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] };
  await browser.scripting.executeScript({ target, files: [PAGE_SCANNER_FILE] });
}

export function servePageScanner({ onNewPage }: { onNewPage: (page: { tabId: number; url: string }) => Promise<unknown> }): void {
  // Earlier versions registered the scanner for every page: drop that registration.
  void browser.scripting.unregisterContentScripts({ ids: [PAGE_SCANNER_ID] }).catch(() => undefined);
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== SCAN_LOAD_PORT) return;
    const sender = port.sender;
    const tabId = sender?.tab?.id;
    if (sender?.id !== browser.runtime.id || sender.frameId !== 0 || typeof tabId !== 'number' || tabId < 0 || typeof sender.url !== 'string') {
      port.disconnect();
      return;
    }
    const url = sender.url;
    const documentId = (sender as { documentId?: string }).documentId;
    port.onMessage.addListener((message) => {
      port.disconnect();
      const scan = (message as { scan?: unknown } | null)?.scan === true;
      const done = scan ? loadPageScanner({ tabId, ...(documentId ? { documentId } : {}) }) : onNewPage({ tabId, url });
      void done.catch((error) => console.warn('[wallet] page scanner', error));
    });
  });
}
