// Decodes the images a page scanner reported, one at a time per tab, and merges what their QR
// codes hold into the tab's findings. A new document in the tab ends the old page's work.
import { toWireError } from '../../messaging/errors';
import type { ImageScanView, ReportedImage } from '../../messaging/scan';
import { findingsFromCodes, imageLabel } from './classify-codes';
import { decodeImageBlob } from './decode-image';
import { fetchImage, type FetchLike } from './fetch-image';
import type { FoundTabs } from './found-tabs';

export interface PageImages {
  /** queue a page's images for decoding */
  enqueue(options: { tabId: number; images: ReportedImage[] }): void;
  /** a new document (or a closed tab): drop pending work for it */
  forget(options: { tabId: number }): void;
  /** resolves when the tab's queue is empty (tests, the popup's "checking images…") */
  idle(options: { tabId: number }): Promise<void>;
}

export function createPageImages({ found, onChange, fetch }: {
  found: FoundTabs;
  onChange: (options: { tabId: number }) => void;
  fetch?: FetchLike;
}): PageImages {
  const generations = new Map<number, number>();
  const queues = new Map<number, Promise<void>>();

  async function decodeOne(tabId: number, generation: number, image: ReportedImage) {
    const src = imageLabel(image);
    if (generations.get(tabId) !== generation) return;
    if (await found.hasImage({ tabId, src })) return;
    let view: ImageScanView;
    try {
      const blob = await fetchImage({ url: image.src, ...(fetch ? { fetch } : {}) });
      const { codes } = await decodeImageBlob({ blob });
      if (generations.get(tabId) !== generation) return;
      view = { src, status: codes.length ? 'decoded' : 'no-qr', codes: codes.length };
      if (codes.length) await found.add({ tabId, findings: findingsFromCodes({ codes, image: src }), image: src });
    } catch (error) {
      const { name, message } = toWireError({ error });
      view = { src, status: name === 'NotSupportedError' ? 'skipped' : 'failed', codes: 0, error: { name, message } };
    }
    if (generations.get(tabId) !== generation) return;
    if (await found.addImage({ tabId, image: view })) onChange({ tabId });
  }

  return {
    enqueue({ tabId, images }) {
      const generation = generations.get(tabId) ?? 0;
      generations.set(tabId, generation);
      let queue = queues.get(tabId) ?? Promise.resolve();
      for (const image of images) queue = queue.then(() => decodeOne(tabId, generation, image)).catch(() => undefined);
      queues.set(tabId, queue);
    },
    forget({ tabId }) {
      generations.set(tabId, (generations.get(tabId) ?? 0) + 1);
    },
    async idle({ tabId }) {
      await queues.get(tabId);
    },
  };
}
