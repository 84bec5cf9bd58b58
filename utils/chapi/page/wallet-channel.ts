// The page world's line to the wallet: post a request on the page's own window, wait for the
// bridge's answer with the same id. Captures the window functions it needs when created (at
// document_start, before any page script runs), so a page that later replaces them cannot
// confuse its own calls.
import { ACK_TIMEOUT_MS, PAGE_CHANNEL, isPageAck, parsePageReply, type WalletResult } from '../page-messages';

export interface ChannelWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  crypto: { getRandomValues(array: Uint8Array): Uint8Array };
}

export interface WalletChannel {
  request(args: { op: 'get' | 'store'; payload: unknown; signal?: AbortSignal }): Promise<WalletResult>;
}

/**
 * `ackTimeoutMs`: without the bridge's receipt by then (the extension was reloaded or removed
 * since this page loaded), the call fails instead of waiting forever.
 */
export function createWalletChannel({ win, ackTimeoutMs = ACK_TIMEOUT_MS }: { win: ChannelWindow; ackTimeoutMs?: number }): WalletChannel {
  const post = win.postMessage.bind(win);
  const listen = win.addEventListener.bind(win);
  const unlisten = win.removeEventListener.bind(win);
  const random = win.crypto.getRandomValues.bind(win.crypto);

  const newId = () => Array.from(random(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

  return {
    request({ op, payload, signal }) {
      return new Promise<WalletResult>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason ?? new DOMException('The request was aborted.', 'AbortError'));
          return;
        }
        const id = newId();
        const noBridge = setTimeout(() => {
          finish();
          reject(new DOMException('The wallet extension is not available on this page; reload the page and try again.', 'OperationError'));
        }, ackTimeoutMs);
        const finish = () => {
          clearTimeout(noBridge);
          unlisten('message', onMessage);
          signal?.removeEventListener('abort', onAbort);
        };
        const onMessage = (event: MessageEvent) => {
          if (event.source !== (win as unknown)) return;
          if (isPageAck({ data: event.data, id })) {
            clearTimeout(noBridge);
            return;
          }
          const reply = parsePageReply({ data: event.data, id });
          if (!reply) return;
          finish();
          if (reply.ok) resolve(reply.result);
          else reject(toPageError(reply.error));
        };
        const onAbort = () => {
          finish();
          post({ channel: PAGE_CHANNEL, to: 'wallet', id, op: 'cancel' }, '/');
          reject(signal?.reason ?? new DOMException('The request was aborted.', 'AbortError'));
        };
        listen('message', onMessage);
        signal?.addEventListener('abort', onAbort, { once: true });
        post({ channel: PAGE_CHANNEL, to: 'wallet', id, op, payload }, '/');
      });
    },
  };
}

/** The error a page sees: a real TypeError for bad arguments, a DOMException otherwise. */
export function toPageError({ name, message }: { name: string; message: string }): Error {
  if (name === 'TypeError') return new TypeError(message);
  return new DOMException(message, name);
}
