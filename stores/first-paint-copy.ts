// The popup's own copy of the wallet's DID, in the extension origin's localStorage, for the very
// first paint. storage.local (where the background keeps its copy) can only be read
// asynchronously, so a DID read from it lands a frame or more after the title; localStorage is
// synchronous, so entrypoints/popup-shell.ts paints the DID while the page is still being parsed.
// Only the popup writes this copy (from storage.local's copy or the background's answer), and it
// is a head start, never the truth: the page replaces it with those as soon as they answer.
// No Vue, Pinia or `browser` here: popup-shell.ts is bundled bare (wxt.config.ts).
import { cachedWalletInfo, type WalletInfo } from '../utils/messaging/wallet';

export const FIRST_PAINT_KEY = 'vcalm:walletInfo';

/** The copy, validated as the storage.local one is (undefined when missing, malformed or unreadable). */
export function readFirstPaintCopy(): WalletInfo | undefined {
  try {
    const text = globalThis.localStorage?.getItem(FIRST_PAINT_KEY);
    return text ? cachedWalletInfo(JSON.parse(text)) : undefined;
  } catch {
    // A head start only: a malformed or unreadable copy means the DID comes a frame later.
    return undefined;
  }
}

/** Keeps the copy in step with what the wallet says (`undefined`: no wallet yet — forget it). */
export function rememberForFirstPaint(info: WalletInfo | undefined): void {
  try {
    const text = info && JSON.stringify(info);
    if (!text) globalThis.localStorage?.removeItem(FIRST_PAINT_KEY);
    else if (globalThis.localStorage?.getItem(FIRST_PAINT_KEY) !== text) globalThis.localStorage?.setItem(FIRST_PAINT_KEY, text);
  } catch (e) {
    // A full or disabled localStorage costs only the head start; say so for developers.
    console.warn('[wallet] could not keep the first-paint copy of the DID', e);
  }
}
