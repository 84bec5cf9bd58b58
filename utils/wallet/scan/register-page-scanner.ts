// Registers the page scanner (entrypoints/page-scanner.ts) as a content script for http(s)
// pages, top frames, at document_idle. Registered at run time rather than in the manifest so
// the script ships without WXT's content-script wrapper (the scanner's size goal is 10 KB).
import { browser } from 'wxt/browser';

export const PAGE_SCANNER_ID = 'vcalm-page-scanner';
export const PAGE_SCANNER_FILE = 'page-scanner.js';

export async function registerPageScanner(): Promise<void> {
  const scripting = browser.scripting;
  const script = {
    id: PAGE_SCANNER_ID,
    js: [PAGE_SCANNER_FILE],
    matches: ['http://*/*', 'https://*/*'],
    runAt: 'document_idle' as const,
    allFrames: false,
    persistAcrossSessions: true,
  };
  const known = await scripting.getRegisteredContentScripts({ ids: [PAGE_SCANNER_ID] });
  if (known.length) await scripting.updateContentScripts([script]);
  else await scripting.registerContentScripts([script]);
}
