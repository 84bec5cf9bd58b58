// wxt/browser for the bare every-page scripts (wxt.config.ts): Chromium's `chrome`, as WXT's
// own export is there, without the check that picks between `browser` and `chrome`.
import type { browser as WxtBrowser } from 'wxt/browser';

export const browser = (globalThis as unknown as { chrome: typeof WxtBrowser }).chrome;
