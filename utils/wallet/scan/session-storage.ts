// storage.session as the found-tabs mirror: survives a stopped service worker, not a browser
// restart, and (at its default access level) is readable by the wallet's pages only.
import { browser } from 'wxt/browser';
import type { KeyValueStorage } from './found-tabs';

export function sessionStorage(): KeyValueStorage {
  const area = browser.storage.session;
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

export const FOUND_KEY_PREFIX = 'scan:tab:';
