// The wallet's DID, for headers and approval screens.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { sendMessage, type WalletInfo, type WireError } from '../utils/messaging';

export const useWalletStore = defineStore('wallet', () => {
  const info = ref<WalletInfo | undefined>();
  const error = ref<WireError | undefined>();

  async function refresh() {
    try {
      info.value = await sendMessage('getWalletInfo', undefined);
      error.value = undefined;
    } catch (e) {
      error.value = e as WireError;
    }
  }

  return { info, error, refresh };
});
