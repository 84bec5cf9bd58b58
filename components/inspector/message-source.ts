// The inspector's source on a wallet page: every read and the clear go to the background as
// messages (utils/messaging/inspector) — the page never opens the wallet's database itself.
import { sendMessage } from '../../utils/messaging';
import type { InspectorSource } from '../../utils/inspect';

export function createMessageSource(): InspectorSource {
  return {
    listExchanges: () => sendMessage('inspectExchanges', undefined),
    getExchange: async ({ id }) => (await sendMessage('inspectExchange', { id })) ?? undefined,
    messages: ({ exchangeId }) => sendMessage('inspectMessages', { exchangeId }),
    approvals: ({ exchangeId }) => sendMessage('inspectApprovals', { exchangeId }),
    credentials: () => sendMessage('inspectCredentials', undefined),
    clearHistory: async ({ all = false } = {}) => (await sendMessage('clearHistory', { all })).removed,
  };
}
