// One exchange as a JSON file a developer can keep, share and open again in the inspector.
// Export redacts secrets; import treats the file as untrusted input: size cap, shape check,
// a DataError with the reason for anything else.
import { checkJson } from '../json-bounds';
import { redactBody, redactHeaders } from './redact';
import { TRANSCRIPT_KINDS } from '../vcalm/transcript';
import { inspectedFromJson } from './exchange-json';
import { EXPORT_FORMAT, type ExchangeExport, type InspectedExchange, type TranscriptMessage } from './types';
import { namedError } from '../errors';

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const KINDS: readonly string[] = TRANSCRIPT_KINDS;

function dataError(message: string, cause?: unknown): Error {
  return namedError({ name: 'DataError', message, cause });
}

/** A transcript message with secrets removed and only the contract's fields. */
export function cleanMessage({ message }: { message: TranscriptMessage }): TranscriptMessage {
  const out: TranscriptMessage = {
    exchangeId: message.exchangeId,
    seq: message.seq,
    kind: message.kind,
    method: message.method,
    url: message.url,
    requestHeaders: redactHeaders({ headers: message.requestHeaders }),
    startedAt: message.startedAt,
  };
  if (message.requestBody !== undefined) out.requestBody = redactBody({ value: message.requestBody });
  if (typeof message.status === 'number') out.status = message.status;
  if (message.responseHeaders !== undefined) out.responseHeaders = redactHeaders({ headers: message.responseHeaders });
  if (message.responseBody !== undefined) out.responseBody = redactBody({ value: message.responseBody });
  if (typeof message.durationMs === 'number') out.durationMs = message.durationMs;
  if (message.decoded !== undefined) out.decoded = redactBody({ value: message.decoded });
  if (message.error) out.error = { name: String(message.error.name), message: String(message.error.message) };
  return out;
}

export function exchangeToExport({ exchange, messages, now = new Date() }: {
  exchange: InspectedExchange;
  messages: TranscriptMessage[];
  now?: Date;
}): ExchangeExport {
  if (!exchange || typeof exchange.id !== 'string') throw new TypeError('"exchange" must be an inspected exchange.');
  if (!Array.isArray(messages)) throw new TypeError('"messages" must be an array.');
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    exchange: redactBody({ value: exchange }) as InspectedExchange,
    messages: [...messages].sort((a, b) => a.seq - b.seq).map((message) => cleanMessage({ message })),
  };
}

/** The export as pretty JSON text (what the download holds). */
export function exportText({ data }: { data: ExchangeExport }): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

function checkMessage(m: unknown, i: number, exchangeId: string): TranscriptMessage {
  const path = `messages[${i}]`;
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw dataError(`${path} is not an object.`);
  const msg = m as Record<string, unknown>;
  if (msg.exchangeId !== exchangeId) throw dataError(`${path}.exchangeId is not the exchange's id.`);
  if (!Number.isInteger(msg.seq) || (msg.seq as number) < 0) throw dataError(`${path}.seq must be a non-negative integer.`);
  if (!KINDS.includes(msg.kind as string)) throw dataError(`${path}.kind must be one of ${KINDS.join(', ')}.`);
  if (msg.method !== 'GET' && msg.method !== 'POST') throw dataError(`${path}.method must be GET or POST.`);
  if (typeof msg.url !== 'string') throw dataError(`${path}.url must be a string.`);
  if (typeof msg.startedAt !== 'string' || Number.isNaN(Date.parse(msg.startedAt))) throw dataError(`${path}.startedAt must be an ISO date.`);
  if (msg.status !== undefined && !Number.isInteger(msg.status)) throw dataError(`${path}.status must be an integer.`);
  if (msg.durationMs !== undefined && typeof msg.durationMs !== 'number') throw dataError(`${path}.durationMs must be a number.`);
  for (const key of ['requestHeaders', 'responseHeaders']) {
    const h = msg[key];
    if (h === undefined && key === 'responseHeaders') continue;
    if (!h || typeof h !== 'object' || Array.isArray(h) || Object.values(h).some((v) => typeof v !== 'string')) {
      throw dataError(`${path}.${key} must map names to strings.`);
    }
  }
  if (msg.error !== undefined) {
    const e = msg.error as Record<string, unknown>;
    if (!e || typeof e.name !== 'string' || typeof e.message !== 'string') throw dataError(`${path}.error must be {name, message}.`);
  }
  return cleanMessage({ message: msg as unknown as TranscriptMessage });
}

/**
 * Reads an exported exchange (text or parsed JSON). DataError for anything that is not one;
 * the result is redacted again (a hand-edited file may carry secrets) and ordered by seq.
 */
export function parseExchangeExport({ input }: { input: unknown }): ExchangeExport {
  let data = input;
  if (typeof input === 'string') {
    if (input.length > IMPORT_MAX_BYTES) throw dataError(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`);
    try {
      data = JSON.parse(input);
    } catch (cause) {
      throw dataError(`The file is not JSON: ${(cause as Error).message}`, cause);
    }
  }
  try {
    // bodies inside were bounded to 64 levels when recorded; the export wraps them a few more
    checkJson({ value: data, what: 'The file', bounds: { maxDepth: 80, maxNodes: 2_000_000 } });
  } catch (cause) {
    throw dataError((cause as Error).message, cause);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw dataError('The file is not an exported exchange (not an object).');
  const d = data as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT) throw dataError(`The file is not an exported exchange ("format" is not "${EXPORT_FORMAT}").`);
  if (d.version !== 1) throw dataError(`Export version ${String(d.version)} is not supported (only 1).`);
  if (typeof d.exportedAt !== 'string' || Number.isNaN(Date.parse(d.exportedAt))) throw dataError('"exportedAt" must be an ISO date.');
  const exchange = inspectedFromJson({ value: d.exchange });
  if (!Array.isArray(d.messages)) throw dataError('"messages" must be an array.');
  if (d.messages.length > 10_000) throw dataError('"messages" has more than 10,000 entries.');
  const messages = d.messages.map((m, i) => checkMessage(m, i, exchange.id)).sort((a, b) => a.seq - b.seq);
  const seqs = new Set(messages.map((m) => m.seq));
  if (seqs.size !== messages.length) throw dataError('"messages" repeats a seq.');
  return { format: EXPORT_FORMAT, version: 1, exportedAt: d.exportedAt, exchange, messages };
}
