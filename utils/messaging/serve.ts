// The background's side of the contract: `serve(type, handler)` checks who sent the message,
// parses its data against the spec, runs the handler and sends errors back as {name, message}.
import { browser } from 'wxt/browser';
import { onMessage, messageSpecs, type ProtocolMap } from './index';
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { namedError, toWireError } from './errors';
import { classifySender, type SenderInfo, type SenderLike } from './sender';
import { checkJson } from '../json-bounds';

export type MessageType = keyof ProtocolMap;
export type MessageData<K extends MessageType> = GetDataType<ProtocolMap[K]>;
export type MessageReturn<K extends MessageType> = GetReturnType<ProtocolMap[K]>;
export type MessageHandler<K extends MessageType> = (
  data: MessageData<K>,
  sender: Exclude<SenderInfo, { kind: 'unknown' }>,
) => MessageReturn<K> | Promise<MessageReturn<K>>;

export interface ServeContext {
  extensionId: string;
  extensionOrigin: string;
}

/** Check, parse and run one message; what `serve` registers, exposed for tests. */
export async function handleMessage<K extends MessageType>({ type, data, sender, handler, context }: {
  type: K;
  data: unknown;
  sender: SenderLike | undefined;
  handler: MessageHandler<K>;
  context: ServeContext;
}): Promise<MessageReturn<K>> {
  try {
    const spec = messageSpecs[type];
    const from = classifySender({ sender, ...context });
    if (from.kind === 'unknown' || (spec.access === 'extension' && from.kind !== 'extension')) {
      throw namedError({ name: 'NotAllowedError', message: `"${String(type)}" is not available to this sender.` });
    }
    // bounded before any parser walks it: depth, size, prototype keys (DataError)
    checkJson({ value: data, what: `The "${String(type)}" message` });
    const parsed = (spec.parse as (value: unknown, path: string) => unknown)(data, 'data') as MessageData<K>;
    return await handler(parsed, from);
  } catch (error) {
    // Rebuild a bare error: only name, message, status and the server's body cross over.
    const wire = toWireError({ error });
    const out = Object.assign(new Error(wire.message), wire);
    out.stack = `${wire.name}: ${wire.message}`;
    throw out;
  }
}

export function serve<K extends MessageType>(type: K, handler: MessageHandler<K>, context = defaultContext()) {
  return onMessage(type, (message) =>
    handleMessage({ type, data: message.data, sender: message.sender as SenderLike, handler, context }),
  );
}

function defaultContext(): ServeContext {
  return { extensionId: browser.runtime.id, extensionOrigin: self.location.origin };
}
