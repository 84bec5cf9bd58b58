// Live updates from the background to the wallet's pages over a long-lived port. Pages
// subscribe; the background broadcasts. Only extension pages may connect. When the worker
// stops, the port closes; the page reconnects (waking the worker) and re-reads its state.
import { browser } from 'wxt/browser';
import type { ApprovalView } from './approvals';
import type { ExchangeView } from './exchange';

export const EVENTS_PORT = 'wallet-events';

export type WalletEvent =
  | { type: 'exchange'; exchange: ExchangeView }
  | { type: 'approval'; approval: ApprovalView }
  | { type: 'credentials' }
  /** What was found on this tab changed (the popup re-reads it with listFound). */
  | { type: 'found'; tabId: number }
  /** A transcript message of this exchange was saved (an inspector re-reads it). */
  | { type: 'transcript'; exchangeId: string; seq: number };

type Port = ReturnType<typeof browser.runtime.connect>;

export interface EventHub {
  emit(event: WalletEvent): void;
}

/** Background: accept page subscriptions and broadcast to them. */
export function createEventHub({ extensionOrigin = self.location.origin }: { extensionOrigin?: string } = {}): EventHub {
  const ports = new Set<Port>();
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== EVENTS_PORT) return;
    const url = port.sender?.url;
    if (port.sender?.id !== browser.runtime.id || !url || !url.startsWith(`${extensionOrigin}/`)) {
      port.disconnect();
      return;
    }
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
  });
  return {
    emit(event) {
      for (const port of ports) {
        try {
          port.postMessage(event);
        } catch {
          ports.delete(port);
        }
      }
    },
  };
}

/**
 * Page: call `onEvent` for every broadcast; `onConnect` runs on the first connection and after
 * every reconnect, so the page can re-read what it may have missed. Returns an unsubscribe.
 */
export function subscribeWalletEvents({ onEvent, onConnect }: {
  onEvent: (event: WalletEvent) => void;
  onConnect?: () => void;
}): () => void {
  let port: Port | undefined;
  let stopped = false;
  let retryMs = 100;
  const connect = () => {
    if (stopped) return;
    port = browser.runtime.connect({ name: EVENTS_PORT });
    port.onMessage.addListener((message: unknown) => {
      retryMs = 100;
      if (message && typeof message === 'object' && typeof (message as WalletEvent).type === 'string') {
        onEvent(message as WalletEvent);
      }
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (stopped) return;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
    onConnect?.();
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
