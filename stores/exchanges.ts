// Popup cache of the exchanges the background runs. The truth is in the background.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { sendMessage, type ExchangeSource, type ExchangeView, fromWire, type WireError } from '../utils/messaging';

const ACTIVE = new Set(['running', 'awaiting-approval']);

export const useExchangesStore = defineStore('exchanges', () => {
  const byId = ref<Record<string, ExchangeView>>({});
  const loaded = ref(false);
  const startError = ref<WireError | undefined>();
  const starting = ref(false);

  const all = computed(() =>
    Object.values(byId.value).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  );
  const active = computed(() => all.value.filter((e) => ACTIVE.has(e.status)));
  const finished = computed(() => all.value.filter((e) => !ACTIVE.has(e.status)));

  function upsert(exchange: ExchangeView) {
    const known = byId.value[exchange.id];
    if (known && known.updatedAt > exchange.updatedAt) return; // an older broadcast arrived late
    byId.value = { ...byId.value, [exchange.id]: exchange };
  }

  async function refresh() {
    const list = await sendMessage('listExchanges', undefined);
    byId.value = Object.fromEntries(list.map((e) => [e.id, e]));
    loaded.value = true;
  }

  async function start({ url, source = 'paste', pageOrigin, protocol }: { url: string; source?: ExchangeSource; pageOrigin?: string; protocol?: 'vcapi' | 'oid4vp' | 'oid4vci' }) {
    startError.value = undefined;
    starting.value = true;
    try {
      const exchange = await sendMessage('startExchange', { url, source, ...(pageOrigin ? { pageOrigin } : {}), ...(protocol ? { protocol } : {}) });
      upsert(exchange);
      return exchange;
    } catch (error) {
      startError.value = fromWire({ error });
      return undefined;
    } finally {
      starting.value = false;
    }
  }

  return { byId, all, active, finished, loaded, startError, starting, upsert, refresh, start };
});
