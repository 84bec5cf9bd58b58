// The inspector's cache of what the wallet recorded: exchanges, each one's transcript and
// approvals, and the wallet's credentials (to explain requests against). The truth is in
// IndexedDB (read by the background, asked through an InspectorSource); live events from the background say what to
// re-read. Imported exports are shown beside them, read-only, never stored.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  exchangeToExport, exchangeToHar, exportText, isRunning, parseExchangeExport,
  type ExchangeExport, type InspectedApproval, type InspectedCredential, type InspectedExchange,
  type InspectorSource, type TranscriptMessage,
} from '../utils/inspect';
import { namedError } from '../utils/errors';

/** What the background broadcasts (utils/messaging/events WalletEvent), as far as the inspector cares. */
export type InspectorEvent =
  | { type: 'exchange'; exchange: { id: string } }
  | { type: 'transcript'; exchangeId: string; seq: number }
  | { type: string };

export type Subscribe = (handlers: { onEvent: (event: InspectorEvent) => void; onConnect?: () => void }) => () => void;

export interface InspectorScope {
  /** Show only exchanges started from this page origin (the DevTools panel's inspected tab). */
  pageOrigin?: string;
}

const IMPORTED_PREFIX = 'imported:';

export const useInspectorStore = defineStore('inspector', () => {
  const source = shallowRef<InspectorSource>();
  const exchanges = ref<InspectedExchange[]>([]);
  const imported = ref<Record<string, ExchangeExport>>({});
  const messages = ref<Record<string, TranscriptMessage[]>>({});
  const approvals = ref<Record<string, InspectedApproval[]>>({});
  const credentials = ref<InspectedCredential[]>([]);
  const selectedId = ref<string>();
  const scope = ref<InspectorScope>({});
  const showAll = ref(false);
  const loaded = ref(false);
  const live = ref(false);
  const error = ref<{ name: string; message: string }>();
  let unsubscribe: (() => void) | undefined;

  const visible = computed(() => {
    const origin = scope.value.pageOrigin;
    const own = exchanges.value.filter((e) => showAll.value || !origin || e.pageOrigin === origin || originOf(e.interactionUrl ?? e.exchangeUrl ?? '') === origin);
    const fromFiles = Object.values(imported.value).map((d) => ({ ...d.exchange, id: `${IMPORTED_PREFIX}${d.exchange.id}` }));
    return [...own, ...fromFiles].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  });
  const selected = computed(() => visible.value.find((e) => e.id === selectedId.value));
  const selectedMessages = computed(() => (selectedId.value ? messages.value[selectedId.value] ?? [] : []));
  const selectedApprovals = computed(() => (selectedId.value ? approvals.value[selectedId.value] ?? [] : []));
  const runningCount = computed(() => exchanges.value.filter((exchange) => isRunning({ exchange })).length);

  function fail(e: unknown) {
    const err = e as { name?: string; message?: string };
    error.value = { name: err?.name ?? 'Error', message: err?.message ?? String(e) };
  }

  async function refreshList() {
    if (!source.value) return;
    try {
      exchanges.value = await source.value.listExchanges();
      loaded.value = true;
    } catch (e) {
      fail(e);
    }
  }

  async function refreshExchange(id: string) {
    if (!source.value || id.startsWith(IMPORTED_PREFIX)) return;
    try {
      const [exchange, list, asked] = await Promise.all([
        source.value.getExchange({ id }),
        source.value.messages({ exchangeId: id }),
        source.value.approvals({ exchangeId: id }),
      ]);
      if (exchange) {
        const i = exchanges.value.findIndex((e) => e.id === id);
        exchanges.value = i === -1 ? [exchange, ...exchanges.value] : exchanges.value.map((e) => (e.id === id ? exchange : e));
      }
      messages.value = { ...messages.value, [id]: list };
      approvals.value = { ...approvals.value, [id]: asked };
    } catch (e) {
      fail(e);
    }
  }

  async function refreshCredentials() {
    if (!source.value) return;
    try {
      credentials.value = await source.value.credentials();
    } catch (e) {
      fail(e);
    }
  }

  async function select(id: string | undefined) {
    selectedId.value = id;
    if (id && !id.startsWith(IMPORTED_PREFIX)) await refreshExchange(id);
  }

  async function reloadAll() {
    await Promise.all([refreshList(), refreshCredentials()]);
    if (selectedId.value) await refreshExchange(selectedId.value);
  }

  function onEvent(event: InspectorEvent) {
    if (event.type === 'transcript' && 'exchangeId' in event) {
      if (event.exchangeId === selectedId.value || messages.value[event.exchangeId]) void refreshExchange(event.exchangeId);
      else void refreshList();
    } else if (event.type === 'exchange' && 'exchange' in event) {
      if (!exchanges.value.some((e) => e.id === event.exchange.id)) void refreshList();
      else void refreshExchange(event.exchange.id);
    } else if (event.type === 'credentials') {
      void refreshCredentials();
    }
  }

  /** Start reading; `subscribe` connects to the background's live events. */
  async function init(options: { source: InspectorSource; subscribe?: Subscribe; scope?: InspectorScope }) {
    source.value = options.source;
    if (options.scope) scope.value = options.scope;
    unsubscribe?.();
    unsubscribe = options.subscribe?.({
      onEvent,
      onConnect: () => {
        live.value = true;
        void reloadAll();
      },
    });
    await reloadAll();
  }

  function stop() {
    unsubscribe?.();
    unsubscribe = undefined;
    live.value = false;
  }

  function dataFor(id: string): { exchange: InspectedExchange; messages: TranscriptMessage[] } {
    if (id.startsWith(IMPORTED_PREFIX)) {
      const d = imported.value[id.slice(IMPORTED_PREFIX.length)];
      if (!d) throw notFound(id);
      return { exchange: d.exchange, messages: d.messages };
    }
    const exchange = exchanges.value.find((e) => e.id === id);
    if (!exchange) throw notFound(id);
    return { exchange, messages: messages.value[id] ?? [] };
  }

  function exportJson(id: string): string {
    return exportText({ data: exchangeToExport(dataFor(id)) });
  }

  function exportHar(id: string): string {
    return `${JSON.stringify(exchangeToHar(dataFor(id)), null, 2)}\n`;
  }

  /** Opens an exported file (untrusted: DataError with the reason). Returns the id to select. */
  function importJson(text: string): string {
    const data = parseExchangeExport({ input: text });
    imported.value = { ...imported.value, [data.exchange.id]: data };
    const id = `${IMPORTED_PREFIX}${data.exchange.id}`;
    messages.value = { ...messages.value, [id]: data.messages };
    selectedId.value = id;
    return id;
  }

  async function clearHistory() {
    if (!source.value) return 0;
    const removed = await source.value.clearHistory();
    imported.value = {};
    if (selectedId.value && !exchanges.value.some((e) => e.id === selectedId.value && isRunning({ exchange: e }))) selectedId.value = undefined;
    messages.value = {};
    approvals.value = {};
    await refreshList();
    return removed;
  }

  return {
    exchanges, imported, messages, approvals, credentials, selectedId, scope, showAll, loaded, live, error,
    visible, selected, selectedMessages, selectedApprovals, runningCount,
    init, stop, select, reloadAll, refreshExchange, onEvent, exportJson, exportHar, importJson, clearHistory,
  };
});

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function notFound(id: string): Error {
  return namedError({ name: 'NotFoundError', message: `No exchange ${id} in the inspector.` });
}

export function isImported(id: string): boolean {
  return id.startsWith(IMPORTED_PREFIX);
}
