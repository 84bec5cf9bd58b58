// Wires the inspector store to the wallet: its IndexedDB through utils/db and utils/inspect's
// source, and the background's live event port (utils/messaging/events). Extension pages only.
import type { Pinia } from 'pinia';
import { useInspectorStore, type InspectorScope } from '../../stores/inspector';
import { openWalletDb, type WalletDb } from '../../utils/db';
import { createDbSource } from '../../utils/inspect/source';
import { subscribeWalletEvents } from '../../utils/messaging/events';

let db: Promise<WalletDb> | undefined;

export async function mountInspector({ pinia, scope }: { pinia: Pinia; scope?: InspectorScope }) {
  db ??= openWalletDb();
  const store = useInspectorStore(pinia);
  await store.init({
    source: createDbSource({ db, reopen: () => (db = openWalletDb()) }),
    subscribe: ({ onEvent, onConnect }) => subscribeWalletEvents({ onEvent, ...(onConnect ? { onConnect } : {}) }),
    ...(scope ? { scope } : {}),
  });
  return store;
}
