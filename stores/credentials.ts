// Popup cache of the stored credentials and their cards.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { sendMessage, type CardView, type CredentialDetail, type CredentialStatusView, type CredentialView, fromWire, type WireError } from '../utils/messaging';

export const useCredentialsStore = defineStore('credentials', () => {
  const list = ref<CredentialView[]>([]);
  const loaded = ref(false);
  const selected = ref<CredentialDetail | undefined>();
  /** Cards by credential id (the background caches templates, so asking again is cheap). */
  const cards = ref<Record<string, CardView>>({});
  const checking = ref(false);
  const error = ref<WireError | undefined>();

  async function loadCard(id: string) {
    try {
      cards.value = { ...cards.value, [id]: await sendMessage('renderCredential', { id }) };
    } catch (e) {
      // the list still shows the credential's summary
      const { name, message } = fromWire({ error: e });
      console.warn(`The card of ${id} could not be drawn: ${name}: ${message}`);
    }
  }

  async function refresh() {
    list.value = await sendMessage('listCredentials', undefined);
    loaded.value = true;
    if (selected.value && !list.value.some((c) => c.id === selected.value?.id)) selected.value = undefined;
    await Promise.all(list.value.filter((c) => !cards.value[c.id]).map((c) => loadCard(c.id)));
    const current = selected.value && list.value.find((c) => c.id === selected.value?.id);
    if (current && selected.value) selected.value = { ...selected.value, status: current.status };
  }

  /** Opening a card re-checks its status. */
  async function open(id: string) {
    error.value = undefined;
    try {
      selected.value = await sendMessage('getCredential', { id });
      if (!cards.value[id]) void loadCard(id);
      checking.value = true;
      // A failed check must not read as "valid": show it as unknown, with the reason in the details.
      const status = await sendMessage('checkCredentialStatus', { id }).catch((e: unknown): CredentialStatusView => {
        const { name, message } = fromWire({ error: e });
        return { state: 'unknown', checkedAt: new Date().toISOString(), summary: 'Status unknown (the check failed)', details: [`${name}: ${message}`] };
      });
      if (selected.value?.id === id) selected.value = { ...selected.value, status };
    } catch (e) {
      error.value = fromWire({ error: e });
    } finally {
      checking.value = false;
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
      const { [id]: _gone, ...rest } = cards.value;
      void _gone;
      cards.value = rest;
      await refresh();
    } catch (e) {
      error.value = fromWire({ error: e });
    }
  }

  return { list, loaded, selected, cards, checking, error, refresh, open, close, remove };
});
