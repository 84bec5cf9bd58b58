// The page scanner: finds interaction URLs in links, visible text and images (time-sliced,
// then following DOM changes) and reports the raw values to the background, which classifies
// them and decodes the images. No QR decoder and no wallet data here: keep this file small.
// An unlisted script that the background registers as a content script (utils/wallet/scan/
// register-page-scanner.ts): WXT's content-script wrapper alone would cost a third of the budget.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchDocumentRaw } from '../utils/scan/scan-raw';
import type { ImageCandidate, RawFinding } from '../utils/scan/types';
import { findingsToReport, imagesToReport, reports } from '../utils/scan/page/report';
import { sendReport } from '../utils/scan/page/send-report';

export default defineUnlistedScript(() => {
  const flag = '__vcalmPageScanner';
  const scope = globalThis as unknown as Record<string, boolean>;
  if (scope[flag] || window.top !== window) return; // once per top-level document
  scope[flag] = true;
  let reset = true;
  let queue: Promise<unknown> = Promise.resolve();
  const found = { findings: [] as RawFinding[], images: [] as ImageCandidate[] };
  const send = (findings: RawFinding[], images: ImageCandidate[]) => {
    const first = reset;
    reset = false;
    queue = queue.then(async () => {
      // findings first: the badge should not wait for image rasterising
      for (const data of reports({ findings: findingsToReport(findings), images: [], reset: first })) {
        if (first || data.findings.length) await sendReport(data);
      }
      const reported = await imagesToReport(images);
      if (reported.length) for (const data of reports({ findings: [], images: reported, reset: false })) await sendReport(data);
    }).catch(() => watch.stop()); // the extension was reloaded or removed: stop quietly
  };
  const watch = watchDocumentRaw({
    document,
    onResult: ({ findings, images }) => {
      found.findings.push(...findings);
      found.images.push(...images);
      send(findings, images);
    },
  });
  void watch.ready.then(() => {
    if (reset) send([], []); // an empty page still tells the background it is a new page
  });
  // back/forward cache: the tab shows this document again; the background forgot it meanwhile
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    reset = true;
    send(found.findings, found.images);
  });
});
