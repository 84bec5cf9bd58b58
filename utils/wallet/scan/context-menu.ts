// "Open with wallet" on links and images. A link or a decoded QR that holds one interaction
// URL starts the exchange at once (the click is the user's yes to start; approvals still
// follow); anything else is added to the tab's findings and the popup opens to show it.
import { browser } from 'wxt/browser';
import type { ExchangeSource, ExchangeView, StartExchangeData } from '../../messaging/exchange';
import { toWireError } from '../../messaging/errors';
import { classifyFound } from '../../scan/classify-found';
import type { Finding } from '../../scan/types';
import { findingsFromCodes } from '../../scan/classify-codes';
import type { DecodeImage } from './qr-decoder';
import { fetchImage, type FetchLike } from './fetch-image';
import type { FoundTabs } from './found-tabs';
import { entryTextOf } from '../../vcalm/classify';
import { hasErrorName } from '../../errors';

export const MENU_LINK = 'vcalm-open-link';
export const MENU_IMAGE = 'vcalm-open-image';

export interface MenuClick {
  menuItemId: string | number;
  linkUrl?: string;
  srcUrl?: string;
  pageUrl?: string;
}

export type MenuOutcome =
  | { kind: 'started'; exchange: ExchangeView }
  | { kind: 'shown'; findings: Finding[]; error?: { name: string; message: string } };

/** What a click does; `decode` turns an image URL into findings (fetch + utils/qr: decodeImageUrl). */
export async function handleMenuClick({ info, tabId, tabUrl, found, startExchange, decode }: {
  info: MenuClick;
  tabId?: number;
  tabUrl?: string;
  found: FoundTabs;
  startExchange: (data: StartExchangeData) => Promise<ExchangeView>;
  decode: (options: { url: string }) => Promise<Finding[]>;
}): Promise<MenuOutcome> {
  let findings: Finding[] = [];
  let source: ExchangeSource = 'page';
  let error: { name: string; message: string } | undefined;
  if (info.menuItemId === MENU_LINK && typeof info.linkUrl === 'string') {
    findings = [classifyFound({ source: 'link', value: info.linkUrl.slice(0, 8192) })];
  } else if (info.menuItemId === MENU_IMAGE && typeof info.srcUrl === 'string') {
    source = 'qr';
    try {
      findings = await decode({ url: info.srcUrl });
    } catch (e) {
      const { name, message } = toWireError({ error: e });
      error = { name, message };
    }
    if (!findings.length && !error) error = { name: 'NotFoundError', message: 'There is no QR code in this image.' };
    if (tabId !== undefined) {
      const status = findings.length ? 'decoded' : hasErrorName(error, 'NotFoundError') ? 'no-qr' : 'failed';
      await found.addImage({ tabId, image: { src: info.srcUrl.slice(0, 4096), status, codes: findings.length, ...(status === 'failed' ? { error } : {}) } });
    }
  }
  if (tabId !== undefined && findings.length) await found.add({ tabId, findings, source: 'menu' });
  const runnable = findings.filter((f) => entryTextOf(f.classification) !== undefined);
  if (runnable.length === 1) {
    const url = entryTextOf(runnable[0].classification)!;
    const pageOrigin = originOf(tabUrl);
    const exchange = await startExchange({ url, source, ...(pageOrigin ? { pageOrigin } : {}) });
    return { kind: 'started', exchange };
  }
  return { kind: 'shown', findings, ...(error ? { error } : {}) };
}

export async function decodeImageUrl({ url, fetch, decodeImage }: { url: string; fetch?: FetchLike; decodeImage: DecodeImage }): Promise<Finding[]> {
  const { codes } = await decodeImage({ blob: await fetchImage({ url, ...(fetch ? { fetch } : {}) }) });
  return findingsFromCodes({ codes, image: url });
}

export function registerContextMenus({ found, startExchange, onShown, fetch, decodeImage }: {
  fetch?: FetchLike;
  decodeImage: DecodeImage;
  found: FoundTabs;
  startExchange: (data: StartExchangeData) => Promise<ExchangeView>;
  onShown: (options: { tabId?: number; outcome: MenuOutcome }) => void;
}) {
  const menus = browser.contextMenus;
  if (!menus) return;
  void menus.removeAll().then(() => {
    menus.create({ id: MENU_LINK, title: 'Open with wallet', contexts: ['link'] });
    menus.create({ id: MENU_IMAGE, title: 'Open with wallet', contexts: ['image'] });
  });
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_LINK && info.menuItemId !== MENU_IMAGE) return;
    // openPopup needs the click's user gesture: ask for it now, fill it in as results land
    // Best effort: Chromium refuses openPopup without a user gesture or window; the badge and
    // the started exchange still show the result.
    void browser.action.openPopup?.().catch(() => undefined);
    void handleMenuClick({ info, tabId: tab?.id, tabUrl: tab?.url, found, startExchange, decode: ({ url }) => decodeImageUrl({ url, fetch, decodeImage }) })
      .then((outcome) => onShown({ tabId: tab?.id, outcome }))
      .catch((error) => onShown({ tabId: tab?.id, outcome: { kind: 'shown', findings: [], error: toWireError({ error }) } }));
  });
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const origin = new URL(url).origin;
    return /^https?:/.test(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}
