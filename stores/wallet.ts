// The wallet's DID, for headers and approval screens. Painted at once from the copy the
// background keeps in storage.local (no wait for a stopped worker), then confirmed by asking it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { sendMessage, type WalletInfo, fromWire, type WireError } from '../utils/messaging';
import { readCachedWalletInfo, takeCachedWalletInfoRead } from './wallet-cache';
import { DID_CONFIRMED_MARK, DID_SHOWN_MARK, markOnce } from './wallet-marks';
import { rememberForFirstPaint } from './first-paint-copy';

export const useWalletStore = defineStore('wallet', () => {
  const info = ref<WalletInfo | undefined>();
  const error = ref<WireError | undefined>();
  /** True once the background itself answered (not only the cached copy). */
  const confirmed = ref(false);

  async function refresh() {
    try {
      info.value = await sendMessage('getWalletInfo', undefined);
      confirmed.value = true;
      rememberForFirstPaint(info.value);
      markOnce(DID_SHOWN_MARK);
      markOnce(DID_CONFIRMED_MARK);
      error.value = undefined;
    } catch (e) {
      error.value = fromWire({ error: e });
    }
  }

  /** The cached copy, unless the background has answered already (`read`: a read already under way). */
  async function loadCached(read: Promise<WalletInfo | undefined> = readCachedWalletInfo()) {
    try {
      const copy = await read;
      if (!confirmed.value) rememberForFirstPaint(copy);
      if (copy && !confirmed.value) {
        info.value = copy;
        markOnce(DID_SHOWN_MARK);
      }
    } catch (e) {
      // Only a head start is lost: refresh() still asks the background.
      console.warn('[wallet] cached wallet info unreadable', e);
    }
  }
  /** Settles once the cached copy was read (or found missing): callers that wake the worker wait on it. */
  const cachedRead = loadCached(takeCachedWalletInfoRead());

  return { info, error, confirmed, refresh, loadCached, cachedRead };
});
