// The page scanner: finds interaction URLs in links, visible text and images (time-sliced,
// then following DOM changes) and reports the raw values to the background, which classifies
// them and decodes the images. No QR decoder and no wallet data here: keep this file small.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchDocumentRaw } from '../utils/scan/scan-raw';
import { findingsToReport, imagesToReport, reports } from '../utils/wallet/scan/page/report';
import { sendReport } from '../utils/wallet/scan/page/send-report';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    let reset = true;
    let queue: Promise<unknown> = Promise.resolve();
    const send = (findings: Parameters<typeof findingsToReport>[0], images: Parameters<typeof imagesToReport>[0]) => {
      const first = reset;
      reset = false;
      queue = queue.then(async () => {
        const reportedFindings = findingsToReport(findings);
        // findings first: the badge should not wait for image rasterising
        for (const data of reports({ findings: reportedFindings, images: [], reset: first })) {
          if (first || data.findings.length) await sendReport(data);
        }
        const reportedImages = await imagesToReport(images);
        if (reportedImages.length) for (const data of reports({ findings: [], images: reportedImages, reset: false })) await sendReport(data);
      }).catch(() => watch.stop()); // the extension was reloaded or the page is going away
    };
    const watch = watchDocumentRaw({
      document,
      onResult: ({ findings, images }) => send(findings, images),
    });
    void watch.ready.then(() => {
      if (reset) send([], []); // an empty page still tells the background it is a new page
    });
    ctx.onInvalidated(() => watch.stop());
  },
});
