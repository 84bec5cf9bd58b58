// Popup cache of what was found on the active tab (the background owns it), plus the popup's
// own "Scan this screen" and pasted / dropped / uploaded image results.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { sendMessage, fromWire, type WireError } from '../utils/messaging';
import { subscribeWalletEvents } from '../utils/messaging/events';
import type { FoundItem, FoundList, ScreenScan } from '../utils/messaging/scan';
import { resolveActiveTab } from '../utils/popup/active-tab';
import { findingKey } from '../utils/scan/finding-key';

/** What one image the user gave the popup held. */
export interface ImageResult {
  name: string;
  width: number;
  height: number;
  items: FoundItem[];
}


export const useScanStore = defineStore('scan', () => {
  const tabId = ref<number | undefined>();
  const list = ref<FoundList | undefined>();
  const error = ref<WireError | undefined>();
  const screening = ref(false);
  const screen = ref<ScreenScan | undefined>();
  const screenError = ref<WireError | undefined>();
  const decoding = ref(false);
  const image = ref<ImageResult | undefined>();
  const imageError = ref<WireError | undefined>();

  const items = computed(() => list.value?.items ?? []);
  const pageOrigin = computed(() => list.value?.pageOrigin);

  async function refresh() {
    if (tabId.value === undefined) return;
    try {
      list.value = await sendMessage('listFound', { tabId: tabId.value });
      error.value = undefined;
    } catch (e) {
      error.value = fromWire({ error: e });
    }
  }

  /**
   * Find the tab, read its list, follow the background's `found` events for it (and re-read after
   * a reconnect, when the worker had stopped); returns a stop function.
   */
  async function connect(): Promise<() => void> {
    tabId.value = await resolveActiveTab().catch((e) => {
      // No tab to ask about is a state the panel shows ("open the page first"), not a failure.
      console.warn('[wallet] no active tab for the scan panel', e);
      return undefined;
    });
    await refresh();
    let first = true;
    return subscribeWalletEvents({
      onConnect: () => {
        if (!first) void refresh();
        first = false;
      },
      onEvent: (event) => {
        if (event.type === 'found' && event.tabId === tabId.value) void refresh();
      },
    });
  }

  async function scanScreen() {
    if (tabId.value === undefined) {
      screenError.value = { name: 'NotFoundError', message: 'No web page to scan: open the page with the QR code first.' };
      return;
    }
    screening.value = true;
    screenError.value = undefined;
    try {
      screen.value = await sendMessage('scanScreen', { tabId: tabId.value });
      await refresh();
    } catch (e) {
      screen.value = undefined;
      screenError.value = fromWire({ error: e });
    } finally {
      screening.value = false;
    }
  }

  /** A pasted, dropped or uploaded image: decoded here with the same pipeline as the background. */
  async function decodeImage({ blob, name }: { blob: Blob; name: string }) {
    decoding.value = true;
    imageError.value = undefined;
    image.value = undefined;
    try {
      if (!blob.type.startsWith('image/')) throw Object.assign(new Error(`"${name}" is not an image.`), { name: 'DataError' });
      // The QR decoder (jsQR and the pipeline) loads when a picture arrives, not with the popup.
      const [{ decodeImageBlob }, { findingsFromCodes }] = await Promise.all([
        import('../utils/qr/decode-image'),
        import('../utils/scan/classify-codes'),
      ]);
      const { codes, width, height } = await decodeImageBlob({ blob });
      const foundAt = new Date().toISOString();
      const seen = new Set<string>();
      const found: FoundItem[] = [];
      for (const finding of findingsFromCodes({ codes, image: 'upload' })) {
        const key = findingKey(finding);
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ key, value: finding.value, classification: finding.classification, sources: ['upload'], image: name, foundAt });
      }
      image.value = { name, width, height, items: found };
    } catch (e) {
      imageError.value = fromWire({ error: e });
    } finally {
      decoding.value = false;
    }
  }

  return {
    tabId, list, items, pageOrigin, error, screening, screen, screenError, decoding, image, imageError,
    refresh, connect, scanScreen, decodeImage,
  };
});
