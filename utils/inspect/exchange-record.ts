// Read an exchange record as the wallet stored it (utils/db: {id, state, source?, pageOrigin?,
// credentialIds?, notes?, …}) or as the background shows it (ExchangeView: {id, status,
// interactionUrl, …}) into the inspector's InspectedExchange. Tolerant of both; nothing secret
// survives (bodies pass through redactBody).
import { redactBody } from './redact';
import type { InspectError, InspectSource, InspectedExchange } from './types';

const SOURCES: InspectSource[] = ['page', 'qr', 'screenshot', 'image', 'paste', 'chapi', 'camera'];

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function readError(v: unknown): InspectError | undefined {
  if (!isObject(v) || typeof v.message !== 'string') return undefined;
  return {
    name: str(v.name) ?? 'Error',
    message: v.message,
    ...(num(v.status) !== undefined ? { status: num(v.status) } : {}),
    ...(v.data !== undefined ? { data: redactBody({ value: v.data }) } : {}),
    ...(str(v.requestUrl) ? { requestUrl: str(v.requestUrl) } : {}),
  };
}

/** TypeError when the record has no id, or neither an interaction URL nor an exchange URL. */
export function fromStoredExchange({ record }: { record: unknown }): InspectedExchange {
  if (!isObject(record)) throw new TypeError('"record" must be an exchange record.');
  const state = isObject(record.state) ? record.state : {};
  const id = str(record.id) ?? str(state.id);
  const interactionUrls = strings(state.interactionUrls);
  const interactionUrl = interactionUrls[0] ?? str(state.interactionUrl) ?? str(record.interactionUrl);
  if (!id) throw new TypeError('"record.id" must be a non-empty string.');
  const exchangeUrl = str(state.exchangeUrl) ?? str(record.exchangeUrl);
  if (!interactionUrl && !exchangeUrl) throw new TypeError('"record" names no interaction URL or exchange URL.');
  const source = SOURCES.includes(record.source as InspectSource) ? (record.source as InspectSource) : 'unknown';
  const protocols = isObject(state.protocols) ? state.protocols : isObject(record.protocols) ? record.protocols : undefined;
  const error = readError(state.error) ?? readError(record.error);
  const redirectUrl = str(state.redirectUrl) ?? str(record.redirectUrl);
  const pending = isObject(state.pending) ? state.pending : undefined;
  const inFlight = state.status === 'posting' && pending && Number.isInteger(pending.seq) && str(pending.url) && str(pending.startedAt)
    ? { seq: pending.seq as number, method: 'POST' as const, url: str(pending.url)!, startedAt: str(pending.startedAt)! }
    : undefined;
  const createdAt = str(record.createdAt) ?? str(state.createdAt) ?? new Date(0).toISOString();
  return {
    id,
    source,
    ...(str(record.pageOrigin) ? { pageOrigin: str(record.pageOrigin) } : {}),
    ...(interactionUrl ? { interactionUrl } : {}),
    interactionUrls: interactionUrls.length || !interactionUrl ? interactionUrls : [interactionUrl],
    ...(exchangeUrl ? { exchangeUrl } : {}),
    ...(protocols ? { protocols: redactBody({ value: protocols }) as Obj } : {}),
    status: str(state.status) ?? str(record.status) ?? 'unknown',
    createdAt,
    updatedAt: str(record.updatedAt) ?? str(state.updatedAt) ?? createdAt,
    ...(error ? { error } : {}),
    warnings: strings(state.warnings),
    notes: strings(record.notes),
    credentialIds: strings(record.credentialIds),
    ...(num(state.steps) !== undefined ? { steps: num(state.steps) } : {}),
    ...(num(state.presented) !== undefined ? { presented: num(state.presented) } : {}),
    ...(num(state.received) !== undefined ? { received: num(state.received) } : {}),
    ...(redirectUrl ? { redirectUrl } : {}),
    ...(inFlight ? { inFlight } : {}),
  };
}

/** Statuses after which nothing more happens. */
export const FINISHED = ['complete', 'declined', 'failed'];

export function isRunning({ exchange }: { exchange: InspectedExchange }): boolean {
  return !FINISHED.includes(exchange.status);
}
