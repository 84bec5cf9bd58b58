// The isolated-world bridge: takes CHAPI requests that the page world posts on this frame's own
// window, opens one runtime port per request to the background, and posts the background's
// answer back to this window. It relays nothing else: any other message on the window (forged
// wallet-internal messages included) is ignored, and the port protocol only knows get, store
// and cancel. The background learns the page's origin from the port's sender, not from here.
import { PAGE_CHANNEL, parsePageRequest, type PageReply } from '../page-messages';
import { PING_INTERVAL_MS, type BackgroundMessage, type BridgeMessage } from '../port-messages';
import { isPlainObject } from '../json-copy';

export interface PortLike {
  postMessage(message: BridgeMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface BridgeWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

type ReplyBody = PageReply extends infer R ? (R extends unknown ? Omit<R, 'channel' | 'to'> : never) : never;

/** At most this many requests from one frame wait for the wallet at once. */
export const MAX_PENDING_PER_FRAME = 1;

/**
 * `hasActivation`: does this frame have transient user activation now (a click or key press in
 * the last few seconds)? The entrypoint reads `navigator.userActivation.isActive` in the
 * isolated world: the page world shares the DOM but not these JS objects, so a page script can
 * neither redefine the getter nor post around it. The page-world script checks too, but only to
 * fail fast; this is the check that holds. The activation is per frame, kept by the browser, and
 * lasts ~5 s in Chromium; it is not consumed here (no extension API consumes it without side
 * effects), so the background also counts aborts toward the pause and focuses one window per tab.
 */
export function startBridge({ win, connect, hasActivation, pingIntervalMs = PING_INTERVAL_MS }: {
  win: BridgeWindow;
  connect: () => PortLike;
  hasActivation: () => boolean;
  pingIntervalMs?: number;
}): { stop(): void } {
  const pending = new Map<string, PortLike>();
  const pings = new Map<string, ReturnType<typeof setInterval>>();
  const forget = (id: string) => {
    pending.delete(id);
    clearInterval(pings.get(id));
    pings.delete(id);
  };

  const reply = (message: ReplyBody) => {
    win.postMessage({ channel: PAGE_CHANNEL, to: 'page', ...message }, '/');
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== (win as unknown)) return; // only this frame's own window
    const request = parsePageRequest({ data: event.data });
    if (!request) return;
    const { id } = request;
    if (request.op === 'cancel') {
      const port = pending.get(id);
      if (!port) return;
      forget(id);
      try {
        port.postMessage({ op: 'cancel', requestId: id });
      } finally {
        port.disconnect();
      }
      return;
    }
    if (pending.has(id)) return;
    if (!hasActivation()) {
      reply({ id, ok: false, error: { name: 'NotAllowedError', message: NO_GESTURE } });
      return;
    }
    if (pending.size >= MAX_PENDING_PER_FRAME) {
      reply({ id, ok: false, error: { name: 'NotAllowedError', message: 'Another wallet request from this page is still waiting for an answer.' } });
      return;
    }
    let port: PortLike;
    try {
      port = connect();
    } catch {
      reply({ id, ok: false, error: { name: 'OperationError', message: 'The wallet is not available (the extension was reloaded); reload the page.' } });
      return;
    }
    pending.set(id, port);
    win.postMessage({ channel: PAGE_CHANNEL, to: 'page', id, ack: true }, '/');
    port.onMessage.addListener((message) => {
      const answer = parseBackgroundMessage({ message });
      if (!answer || answer.requestId !== id || pending.get(id) !== port) return;
      forget(id);
      port.disconnect();
      if (answer.ok) reply({ id, ok: true, result: answer.result });
      else reply({ id, ok: false, error: answer.error });
    });
    port.onDisconnect.addListener(() => {
      if (pending.get(id) !== port) return;
      forget(id);
      reply({ id, ok: false, error: { name: 'OperationError', message: 'The wallet stopped before answering; try again.' } });
    });
    port.postMessage(
      request.op === 'get'
        ? { op: 'get', requestId: id, web: request.payload }
        : { op: 'store', requestId: id, credential: request.payload },
    );
    pings.set(id, setInterval(() => {
      try {
        port.postMessage({ op: 'ping', requestId: id });
      } catch {
        forget(id);
      }
    }, pingIntervalMs));
  };

  win.addEventListener('message', onMessage);
  return {
    stop() {
      win.removeEventListener('message', onMessage);
      for (const [id, port] of [...pending]) {
        forget(id);
        port.disconnect();
      }
    },
  };
}

export const NO_GESTURE = 'A wallet request needs a user action on the page (a click or key press just before it); ' +
  'the page asked without one, so no wallet window was opened.';

function parseBackgroundMessage({ message }: { message: unknown }): BackgroundMessage | undefined {
  if (!isPlainObject(message) || typeof message.requestId !== 'string') return undefined;
  if (message.ok === true) return message as BackgroundMessage;
  if (message.ok === false && isPlainObject(message.error)) return message as BackgroundMessage;
  return undefined;
}
