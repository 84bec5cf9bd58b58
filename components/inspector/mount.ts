// Wires the inspector store to the wallet: reads and clears through the background's messages
// (message-source.ts), live updates from its event port (utils/messaging/events). Extension pages only.
import type { Pinia } from 'pinia';
import { useInspectorStore, type InspectorScope } from '../../stores/inspector';
import { subscribeWalletEvents } from '../../utils/messaging/events';
import { createMessageSource } from './message-source';

export async function mountInspector({ pinia, scope }: { pinia: Pinia; scope?: InspectorScope }) {
  const store = useInspectorStore(pinia);
  await store.init({
    source: createMessageSource(),
    subscribe: ({ onEvent, onConnect }) => subscribeWalletEvents({ onEvent, ...(onConnect ? { onConnect } : {}) }),
    ...(scope ? { scope } : {}),
  });
  return store;
}
