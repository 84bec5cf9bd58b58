// Popup cache of the stored credentials.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { sendMessage, type CredentialDetail, type CredentialView, type WireError } from '../utils/messaging';

export const useCredentialsStore = defineStore('credentials', () => {
  const list = ref<CredentialView[]>([]);
  const loaded = ref(false);
  const selected = ref<CredentialDetail | undefined>();
  const error = ref<WireError | undefined>();

  async function refresh() {
    list.value = await sendMessage('listCredentials', undefined);
    loaded.value = true;
    if (selected.value && !list.value.some((c) => c.id === selected.value?.id)) selected.value = undefined;
  }

  async function open(id: string) {
    error.value = undefined;
    try {
      selected.value = await sendMessage('getCredential', { id });
    } catch (e) {
      error.value = e as WireError;
    }
  }

  function close() {
    selected.value = undefined;
  }

  async function remove(id: string) {
    error.value = undefined;
    try {
      await sendMessage('deleteCredential', { id });
      if (selected.value?.id === id) selected.value = undefined;
      await refresh();
    } catch (e) {
      error.value = e as WireError;
    }
  }

  return { list, loaded, selected, error, refresh, open, close, remove };
});
