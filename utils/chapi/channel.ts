// Names shared by the every-page stubs and the rest (kept in a file of constants only, so the
// stubs' bundles stay small: see entrypoints/chapi-*-stub.ts).

/** window.postMessage channel between the page world and the bridge. */
export const PAGE_CHANNEL = 'vcalm-chapi/1';
/** Runtime port the bridge stub opens to ask the background to load the rest into its frame. */
export const CHAPI_LOAD_PORT = 'vcalm-chapi-load';
/** Symbol.for key under which the page stub waits for the full page script's handlers. */
export const HANDOFF_KEY = 'vcalm-wallet.chapi.handoff';
/** Runtime port the every-page scan probe opens: "new page" ({ scan: false }) or "load the scanner here" ({ scan: true }). */
export const SCAN_LOAD_PORT = 'vcalm-scan';
