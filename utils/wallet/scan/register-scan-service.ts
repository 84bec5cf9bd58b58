// The background side of scanning: page reports (untrusted, keyed by the sender's tab), image
// decoding, the toolbar badge, "Scan this screen", the context menus. background.ts calls
// registerScanService once with a way to start exchanges and the event hub (`found` events).
import { browser } from 'wxt/browser';
import { serve } from '../../messaging/serve';
import { namedError } from '../../messaging/errors';
import type { ExchangeView, StartExchangeData } from '../../messaging/exchange';
import type { FoundList } from '../../messaging/scan';
import type { EventHub } from '../../messaging/events';
import { classifyFound } from '../../scan/classify-found';
import { findingsFromCodes } from '../../scan/classify-codes';
import { findingKey } from '../../scan/finding-key';
import { registerContextMenus } from './context-menu';
import { createFoundTabs } from './found-tabs';
import { createPageImages } from './page-images';
import type { FetchLike } from './fetch-image';
import { loadPageScanner, servePageScanner } from './register-page-scanner';
import { captureAndDecode } from './screen';
import type { DecodeImage } from './qr-decoder';
import { sessionStorage } from './session-storage';

export function registerScanService({ startExchange, events, fetch, decodeImage }: {
  startExchange: (data: StartExchangeData) => Promise<ExchangeView>;
  /** utils/qr's decodeImageBlob, which background.ts loads on first use (qr-decoder.ts) */
  decodeImage: DecodeImage;
  /** fetch for page images (the background's redirect-observing one: each redirect hop is checked). */
  fetch?: FetchLike;
  /** Where a change to a tab's findings is announced (the popup listens, never reads storage itself). */
  events: EventHub;
}) {
  const found = createFoundTabs({ storage: sessionStorage(), onChange: ({ tabId }) => events.emit({ type: 'found', tabId }) });
  const showBadge = (list: FoundList) =>
    // The tab may have closed since the report (setBadgeText rejects): nothing left to label.
    browser.action.setBadgeText({ tabId: list.tabId, text: list.interactions ? String(list.interactions) : '' }).catch(() => undefined);
  const refreshBadge = ({ tabId }: { tabId: number }) => void found.get({ tabId }).then(showBadge);
  const images = createPageImages({ found, onChange: refreshBadge, decode: decodeImage, ...(fetch ? { fetch } : {}) });
  void browser.action.setBadgeBackgroundColor({ color: '#1d4ed8' }).catch((error) => console.warn('[wallet] badge colour', error));
  servePageScanner({
    onNewPage: async ({ tabId, url }) => {
      images.forget({ tabId });
      await showBadge(await found.reset({ tabId, pageUrl: url }));
    },
  });

  serve('reportScan', async (data, sender) => {
    if (sender.kind !== 'content' || sender.tabId === undefined || sender.tabId < 0) {
      throw namedError({ name: 'NotAllowedError', message: 'Only a page scanner in a tab reports findings.' });
    }
    if (sender.frameId) return; // the scanner runs in top frames only
    const tabId = sender.tabId;
    if (data.reset) {
      images.forget({ tabId });
      await found.reset({ tabId, pageUrl: sender.url });
    }
    // same validation as a pasted URL; an invalid one is kept with its reason, not dropped
    const findings = data.findings.map((f) => classifyFound({ source: f.source, value: f.value, where: { tag: f.where?.tag } }));
    const { list } = await found.add({ tabId, findings });
    await showBadge(list);
    images.enqueue({ tabId, images: data.images });
  });

  serve('listFound', async ({ tabId }) => {
    // the probe may have passed this page over: let the scanner look (its findings arrive as `found` events)
    void loadPageScanner({ tabId }).catch(() => undefined); // not a page the scanner runs on
    return found.get({ tabId });
  });

  serve('scanScreen', async ({ tabId }) => {
    const result = await captureAndDecode({ tabId, decodeImage });
    const findings = findingsFromCodes({ codes: result.codes, image: 'screenshot' });
    const { list } = await found.add({ tabId, findings, source: 'screenshot', image: 'screenshot' });
    await showBadge(list);
    const keys = new Set(findings.map(findingKey));
    return {
      tabId,
      width: result.width,
      height: result.height,
      codes: result.codes.length,
      items: list.items.filter((item) => keys.has(item.key)),
      ms: Math.round(result.ms),
    };
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    images.forget({ tabId });
    void found.remove({ tabId });
  });

  registerContextMenus({
    found,
    startExchange,
    decodeImage,
    ...(fetch ? { fetch } : {}),
    onShown: ({ tabId }) => {
      if (tabId !== undefined) refreshBadge({ tabId });
    },
  });
}
