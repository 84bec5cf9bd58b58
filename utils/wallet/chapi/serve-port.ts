// One CHAPI port = one request from one frame. The port's sender says which frame (and origin)
// is asking; the answer goes back on the same port, so only that document can receive it, and
// a port that closes (navigation, tab closed, cancel) cancels the request.
import { pageErrorName } from '../../chapi/errors';
import { parseBridgeMessage, type BackgroundMessage } from '../../chapi/port-messages';
import type { WalletResult } from '../../chapi/page-messages';
import type { ChapiFrame } from './frame';
import type { ChapiRequests } from './chapi-requests';
import { hasErrorName } from '../../errors';

export interface ServedPort {
  postMessage(message: BackgroundMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** The first message must arrive within this time, or the port is dropped. */
export const FIRST_MESSAGE_MS = 10_000;

export function servePort({ port, frame, requests }: { port: ServedPort; frame: ChapiFrame; requests: ChapiRequests }) {
  const controller = new AbortController();
  let requestId: string | undefined;
  const drop = () => {
    controller.abort();
    try {
      port.disconnect();
    } catch {
      // already gone
    }
  };
  const idle = setTimeout(() => requestId === undefined && drop(), FIRST_MESSAGE_MS);
  port.onDisconnect.addListener(() => {
    clearTimeout(idle);
    controller.abort();
  });

  const reply = (message: BackgroundMessage) => {
    if (controller.signal.aborted) return; // the frame is gone: nobody else gets it
    try {
      port.postMessage(message);
    } catch {
      controller.abort();
    }
  };

  port.onMessage.addListener((raw) => {
    const message = parseBridgeMessage({ message: raw });
    if (!message || (requestId !== undefined && message.requestId !== requestId)) return drop();
    if (message.op === 'ping') return;
    if (message.op === 'cancel') return drop();
    if (requestId !== undefined) return drop(); // one request per port
    requestId = message.requestId;
    clearTimeout(idle);
    const id = requestId;
    const signal = controller.signal;
    const work: Promise<WalletResult> = message.op === 'get'
      ? requests.get({ frame, web: message.web, signal })
      : requests.store({ frame, credential: message.credential, signal });
    work.then(
      (result) => reply({ requestId: id, ok: true, result }),
      (error: unknown) => reply({ requestId: id, ok: false, error: toPageError(error) }),
    );
  });
}

/** What the page may learn of a failure: argument errors and the service's own page messages. */
function toPageError(error: unknown): { name: ReturnType<typeof pageErrorName>; message: string } {
  const e = (error ?? {}) as { name?: unknown; message?: unknown; expose?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.expose === true) return { name: pageErrorName({ name: e.name }), message };
  if (hasErrorName(e, 'AbortError')) return { name: 'AbortError', message: 'The request was cancelled.' };
  return { name: 'OperationError', message: 'The wallet could not answer this request.' };
}
