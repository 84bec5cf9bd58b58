// Scanning: what the page scanner reports (untrusted: a content script speaks for a page), what
// the popup reads back per tab, and "Scan this screen". Found values are classified in the
// background with utils/vcalm (the same validation as a pasted URL); nothing goes back to pages.
import type { Classification } from '../vcalm/classify';
import type { Specs } from './spec';
import { array, boolean, integer, object, oneOf, optional, string, type Parser } from './validate';
import { namedError } from './errors';
import { REPORT_LIMITS } from './scan-limits';

/** Where a value was found: page link / text / image (QR), a screenshot, the context menu, an uploaded image. */
export const FOUND_SOURCES = ['link', 'text', 'image', 'screenshot', 'menu', 'upload', 'camera'] as const;
export type FoundSource = (typeof FOUND_SOURCES)[number];

/** One distinct value found on a tab, with what it is. */
export interface FoundItem {
  /** stable within the tab's list: the interaction URL, or the value itself */
  key: string;
  value: string;
  classification: Classification;
  /** every way it was found on this page (a link and a QR code often carry the same URL) */
  sources: FoundSource[];
  /** the image it was decoded from, for QR findings (URL or 'canvas' / 'svg' / 'screenshot') */
  image?: string;
  foundAt: string;
}

/** One page image the background looked at. */
export interface ImageScanView {
  src: string;
  status: 'decoded' | 'no-qr' | 'failed' | 'skipped';
  codes: number;
  error?: { name: string; message: string };
}

export interface FoundList {
  tabId: number;
  /** the page, as the browser reported it (sender.tab.url), not as the page claims */
  pageUrl?: string;
  pageOrigin?: string;
  items: FoundItem[];
  images: ImageScanView[];
  /** how many interaction URLs the badge counts */
  interactions: number;
}

/** A raw value the page scanner found (utils/scan RawFinding, serialisable part). */
export interface ReportedFinding {
  source: 'link' | 'text';
  value: string;
  where?: { tag?: string };
}

/**
 * A page image that may hold a QR code. `src` is the image's http(s) URL (the background
 * fetches it) or a `data:image/…` URL the content script rasterised (canvas, inline svg, blob:).
 */
export interface ReportedImage {
  kind: 'img' | 'canvas' | 'svg';
  src: string;
  width: number;
  height: number;
}

export interface ReportScanData {
  /** true on a new document's first report: forget what the tab had */
  reset?: boolean;
  findings: ReportedFinding[];
  images: ReportedImage[];
}

export interface ScreenScan {
  tabId: number;
  width: number;
  height: number;
  /** QR codes decoded in the frame */
  codes: number;
  /** what the codes hold, classified (also merged into the tab's list) */
  items: FoundItem[];
  ms: number;
}

export interface ScanProtocol {
  /** content script → background; answers nothing about the wallet */
  reportScan(data: ReportScanData): void;
  listFound(data: { tabId: number }): FoundList;
  scanScreen(data: { tabId: number }): ScreenScan;
}

export { REPORT_LIMITS };

/** An http(s) image URL, or a data:image/ URL (capped). */
export function imageSource(): Parser<string> {
  const text = string({ min: 1, max: REPORT_LIMITS.dataUrlLength });
  return (value, path) => {
    const s = text(value, path);
    if (/^data:image\/(png|jpeg|gif|webp|bmp);base64,/i.test(s)) return s;
    if (/^https?:\/\//i.test(s) && s.length <= REPORT_LIMITS.urlLength) {
      try {
        return new URL(s).href;
      } catch { /* below */ }
    }
    throw namedError({ name: 'DataError', message: `"${path}" must be an http(s) image URL or a base64 data:image URL.` });
  };
}

const tabId = () => integer({ min: 0, max: 2 ** 31 - 1 });

export const scanSpecs: Specs<ScanProtocol> = {
  reportScan: {
    access: 'content',
    parse: object({
      reset: optional(boolean()),
      findings: array(
        object({
          source: oneOf(['link', 'text'] as const),
          value: string({ min: 1, max: REPORT_LIMITS.valueLength }),
          where: optional(object({ tag: optional(string({ max: 40 })) })),
        }),
        { max: REPORT_LIMITS.findings },
      ),
      images: array(
        object({
          kind: oneOf(['img', 'canvas', 'svg'] as const),
          src: imageSource(),
          width: integer({ max: REPORT_LIMITS.imageSide }),
          height: integer({ max: REPORT_LIMITS.imageSide }),
        }),
        { max: REPORT_LIMITS.images },
      ),
    }),
  },
  listFound: { access: 'extension', parse: object({ tabId: tabId() }) },
  scanScreen: { access: 'extension', parse: object({ tabId: tabId() }) },
};
