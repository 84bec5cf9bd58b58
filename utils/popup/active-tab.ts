// Which tab the popup is about. The toolbar popup: the active tab of its window. The popup page
// opened in a tab of its own (tests, "open in tab"): `?tabId=` names the tab; without it, the
// active tab of the last focused normal window that is not one of the wallet's pages.
import { browser } from 'wxt/browser';

export async function resolveActiveTab({ search = globalThis.location?.search ?? '' }: { search?: string } = {}): Promise<number | undefined> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null) {
    const id = Number(param);
    return Number.isInteger(id) && id >= 0 ? id : undefined;
  }
  const own = browser.runtime.getURL('/');
  const isPage = (tab: { id?: number; url?: string }) => tab.id !== undefined && !!tab.url && !tab.url.startsWith(own);
  const [current] = await browser.tabs.query({ active: true, currentWindow: true });
  if (current && isPage(current)) return current.id;
  const others = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
  const other = others.find(isPage) ?? (await browser.tabs.query({ active: true, windowType: 'normal' })).find(isPage);
  return other?.id;
}
