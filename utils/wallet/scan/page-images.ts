// Decodes the images a page scanner reported, one at a time per tab, and merges what their QR
// codes hold into the tab's findings. Bounded per page (a hostile page could report images
// forever); a new document in the tab ends the old page's work.
import { hasErrorName, toWireError } from '../../messaging/errors';
import type { ImageScanView, ReportedImage } from '../../messaging/scan';
import type { DecodedQrCode } from '../../qr';
import { findingsFromCodes, imageLabel } from '../../scan/classify-codes';
import { fetchImage, type FetchLike } from './fetch-image';
import { MAX_IMAGES_PER_TAB, type FoundTabs } from './found-tabs';

export interface PageImages {
  /** queue a page's images for decoding (past MAX_IMAGES_PER_TAB per page, the rest are ignored) */
  enqueue(options: { tabId: number; images: ReportedImage[] }): void;
  /** a new document (or a closed tab): drop pending work for it */
  forget(options: { tabId: number }): void;
  /** resolves when the tab's queue is empty */
  idle(options: { tabId: number }): Promise<void>;
}

type Decode = (options: { blob: Blob }) => Promise<{ codes: DecodedQrCode[] }>;

export function createPageImages({ found, onChange, fetch, decode }: {
  found: FoundTabs;
  onChange: (options: { tabId: number }) => void;
  fetch?: FetchLike;
  /** utils/qr's decodeImageBlob; in the background, loaded on first use (qr-decoder.ts) */
  decode: Decode;
}): PageImages {
  const pages = new Map<number, { generation: number; queued: Set<string>; queue: Promise<void> }>();
  const page = (tabId: number) => {
    let state = pages.get(tabId);
    if (!state) pages.set(tabId, (state = { generation: 0, queued: new Set(), queue: Promise.resolve() }));
    return state;
  };

  async function decodeOne(tabId: number, generation: number, image: ReportedImage, src: string) {
    const current = () => pages.get(tabId)?.generation === generation;
    if (!current() || (await found.hasImage({ tabId, src }))) return;
    let view: ImageScanView;
    try {
      const blob = await fetchImage({ url: image.src, ...(fetch ? { fetch } : {}) });
      const { codes } = await decode({ blob });
      if (!current()) return;
      view = { src, status: codes.length ? 'decoded' : 'no-qr', codes: codes.length };
      if (codes.length) await found.add({ tabId, findings: findingsFromCodes({ codes, image: src }), image: src });
    } catch (error) {
      const { name, message } = toWireError({ error });
      view = { src, status: hasErrorName(error, 'NotSupportedError') ? 'skipped' : 'failed', codes: 0, error: { name, message } };
    }
    if (!current()) return;
    if (await found.addImage({ tabId, image: view })) onChange({ tabId });
  }

  return {
    enqueue({ tabId, images }) {
      const state = page(tabId);
      const { generation } = state;
      for (const image of images) {
        const src = imageLabel(image);
        if (state.queued.has(src) || state.queued.size >= MAX_IMAGES_PER_TAB) continue;
        state.queued.add(src);
        // decodeOne records each image's own failure in the tab's list; this only keeps the chain going.
        state.queue = state.queue.then(() => decodeOne(tabId, generation, image, src)).catch((error) => {
          console.warn('[wallet] page image', src, error);
        });
      }
    },
    forget({ tabId }) {
      const state = page(tabId);
      state.generation++;
      state.queued = new Set();
    },
    async idle({ tabId }) {
      await pages.get(tabId)?.queue;
    },
  };
}
