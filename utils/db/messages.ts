import type { TranscriptMessage } from '../vcalm';
import { isPlainObject, requireString } from './errors';
import type { WalletIdb } from './schema';

/** 'duplicate': a message with this exchangeId + seq is already stored; the first one is kept. */
export type AppendResult = { added: true } | { added: false; reason: 'duplicate' };

export interface MessagesRepository {
  /** Stores one transcript message. A repeated (exchangeId, seq) is reported, not stored twice. */
  append(options: { message: TranscriptMessage }): Promise<AppendResult>;
  /** The exchange's transcript, ordered by seq. */
  forExchange(options: { exchangeId: string }): Promise<TranscriptMessage[]>;
}

// vcapi kinds, then OID4VCI's and OID4VP's (utils/vcalm/transcript.ts)
const KINDS = ['protocols', 'exchange', 'invite', 'redirect', 'offer', 'metadata', 'token', 'nonce', 'credential', 'request', 'response'];

function checkMessage(message: TranscriptMessage): void {
  if (!isPlainObject(message)) throw new TypeError('"message" must be a TranscriptMessage.');
  requireString(message.exchangeId, 'message.exchangeId');
  if (!Number.isInteger(message.seq) || message.seq < 0) {
    throw new TypeError('"message.seq" must be a non-negative integer.');
  }
  if (!KINDS.includes(message.kind)) throw new TypeError('"message.kind" is not a transcript kind.');
  if (message.method !== 'GET' && message.method !== 'POST') throw new TypeError('"message.method" must be GET or POST.');
  requireString(message.url, 'message.url');
  requireString(message.startedAt, 'message.startedAt');
}

export function createMessagesRepository({ idb }: { idb: WalletIdb }): MessagesRepository {
  return {
    async append({ message }) {
      checkMessage(message);
      const tx = idb.transaction('messages', 'readwrite');
      if ((await tx.store.count([message.exchangeId, message.seq])) > 0) {
        await tx.done;
        return { added: false, reason: 'duplicate' };
      }
      await tx.store.add(message);
      await tx.done;
      return { added: true };
    },

    async forExchange({ exchangeId }) {
      requireString(exchangeId, 'exchangeId');
      return idb.getAll('messages', IDBKeyRange.bound([exchangeId, -Infinity], [exchangeId, Infinity]));
    },
  };
}
