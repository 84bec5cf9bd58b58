// The messages between the isolated-world bridge and the background, over one runtime port per
// request. A port belongs to one document: when the page navigates or closes, the port
// disconnects, the background cancels the request, and no late answer can reach another page.
import { isPlainObject } from './json-copy';
import { isRequestId, type WalletResult } from './page-messages';
import type { PageErrorName } from './errors';

export const CHAPI_PORT = 'vcalm-chapi';

export type BridgeMessage =
  | { op: 'get'; requestId: string; web: unknown }
  | { op: 'store'; requestId: string; credential: unknown }
  | { op: 'cancel'; requestId: string }
  /** Sent every PING_INTERVAL_MS while waiting, so the worker stays up while the user decides. */
  | { op: 'ping'; requestId: string };

export const PING_INTERVAL_MS = 20_000;

export type BackgroundMessage =
  | { requestId: string; ok: true; result: WalletResult }
  | { requestId: string; ok: false; error: { name: PageErrorName; message: string } };

/** The bridge's message, or undefined (the background then drops the port). */
export function parseBridgeMessage({ message }: { message: unknown }): BridgeMessage | undefined {
  if (!isPlainObject(message) || !isRequestId(message.requestId)) return undefined;
  const keys = Object.keys(message);
  const only = (allowed: string[]) => keys.every((k) => allowed.includes(k));
  if (message.op === 'get' && only(['op', 'requestId', 'web'])) {
    return { op: 'get', requestId: message.requestId, web: message.web };
  }
  if (message.op === 'store' && only(['op', 'requestId', 'credential'])) {
    return { op: 'store', requestId: message.requestId, credential: message.credential };
  }
  if (message.op === 'cancel' && only(['op', 'requestId'])) return { op: 'cancel', requestId: message.requestId };
  if (message.op === 'ping' && only(['op', 'requestId'])) return { op: 'ping', requestId: message.requestId };
  return undefined;
}
