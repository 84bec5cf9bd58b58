// The messages between the page-world script and the isolated-world bridge, over
// window.postMessage on the page's own window. The page can read and forge these (it shares a
// world with the page-world script), so they carry nothing the page may not have: requests the
// page could make through navigator.credentials anyway, and answers to this page's own requests.
// Anything else posted on the window is ignored.
import { isPlainObject } from './json-copy';
import { pageErrorName, type PageErrorName } from './errors';

import { PAGE_CHANNEL } from './channel';

export { PAGE_CHANNEL };

export type PageOp = 'get' | 'store' | 'cancel';

export interface PageRequest {
  channel: typeof PAGE_CHANNEL;
  to: 'wallet';
  id: string;
  op: PageOp;
  /** get: options.web; store: the WebCredential as plain data; cancel: nothing. */
  payload?: unknown;
}

export type PageReply =
  | { channel: typeof PAGE_CHANNEL; to: 'page'; id: string; ok: true; result: WalletResult }
  | { channel: typeof PAGE_CHANNEL; to: 'page'; id: string; ok: false; error: { name: PageErrorName; message: string } };

/** The bridge's receipt for request `id`: the wallet is there and has the request. */
export interface PageAck {
  channel: typeof PAGE_CHANNEL;
  to: 'page';
  id: string;
  ack: true;
}

/** How long the page world waits for the bridge's receipt before saying the wallet is not there. */
export const ACK_TIMEOUT_MS = 3000;

export function isPageAck({ data, id }: { data: unknown; id: string }): boolean {
  return isPlainObject(data) && data.channel === PAGE_CHANNEL && data.to === 'page' && data.id === id && data.ack === true;
}

/** What the wallet answers: a web credential, or null (declined, closed, nothing stored). */
export type WalletResult = { type: 'web'; dataType: string; data: unknown } | null;

const ID = /^[A-Za-z0-9_-]{8,64}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

/** A request from the page world, or undefined for anything else on the window. */
export function parsePageRequest({ data }: { data: unknown }): PageRequest | undefined {
  if (!isPlainObject(data) || data.channel !== PAGE_CHANNEL || data.to !== 'wallet') return undefined;
  if (!isRequestId(data.id)) return undefined;
  if (data.op !== 'get' && data.op !== 'store' && data.op !== 'cancel') return undefined;
  for (const key of Object.keys(data)) {
    if (!['channel', 'to', 'id', 'op', 'payload'].includes(key)) return undefined;
  }
  return { channel: PAGE_CHANNEL, to: 'wallet', id: data.id, op: data.op, ...(data.op !== 'cancel' ? { payload: data.payload } : {}) };
}

/** A reply to request `id`, or undefined. */
export function parsePageReply({ data, id }: { data: unknown; id: string }): PageReply | undefined {
  if (!isPlainObject(data) || data.channel !== PAGE_CHANNEL || data.to !== 'page' || data.id !== id) return undefined;
  if (data.ok === true) {
    const result = data.result;
    if (result === null) return { channel: PAGE_CHANNEL, to: 'page', id, ok: true, result: null };
    if (isPlainObject(result) && result.type === 'web' && typeof result.dataType === 'string') {
      return { channel: PAGE_CHANNEL, to: 'page', id, ok: true, result: { type: 'web', dataType: result.dataType, data: result.data } };
    }
    return undefined;
  }
  if (data.ok === false && isPlainObject(data.error)) {
    const message = typeof data.error.message === 'string' ? data.error.message : 'The wallet failed.';
    return { channel: PAGE_CHANNEL, to: 'page', id, ok: false, error: { name: pageErrorName({ name: data.error.name }), message } };
  }
  return undefined;
}
