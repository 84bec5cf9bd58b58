// An InspectedExchange read back from a file: every field checked for its type, nothing else
// kept (a hand-edited or hostile file cannot add fields, change types or smuggle secrets).
import { redactBody } from './redact';
import type { InspectError, InspectSource, InspectedExchange } from './types';
import { SOURCE_LABELS } from './types';
import { namedError } from '../errors';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function dataError(message: string): Error {
  return namedError({ name: 'DataError', message });
}

export function inspectedFromJson({ value }: { value: unknown }): InspectedExchange {
  if (!isObject(value)) throw dataError('"exchange" must be an object.');
  const text = (key: string, { required = false, max = 8192 } = {}): string | undefined => {
    const v = value[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || (required && !v) || v.length > max) throw dataError(`"exchange.${key}" must be a string${required ? '' : ' when present'}.`);
    return v;
  };
  const texts = (key: string): string[] => {
    const v = value[key];
    if (!Array.isArray(v) || v.length > 1000 || v.some((s) => typeof s !== 'string')) throw dataError(`"exchange.${key}" must be a list of strings.`);
    return [...v] as string[];
  };
  const count = (key: string): number | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || (v as number) < 0) throw dataError(`"exchange.${key}" must be a non-negative integer.`);
    return v as number;
  };
  const date = (key: string): string => {
    const v = text(key, { required: true })!;
    if (Number.isNaN(Date.parse(v))) throw dataError(`"exchange.${key}" must be an ISO date.`);
    return v;
  };
  const source = text('source', { required: true }) as InspectSource;
  if (!(source in SOURCE_LABELS)) throw dataError('"exchange.source" is not a known source.');
  let error: InspectError | undefined;
  if (value.error !== undefined) {
    const e = value.error;
    if (!isObject(e) || typeof e.name !== 'string' || typeof e.message !== 'string') throw dataError('"exchange.error" must be {name, message}.');
    if (e.status !== undefined && !Number.isInteger(e.status)) throw dataError('"exchange.error.status" must be an integer.');
    if (e.requestUrl !== undefined && typeof e.requestUrl !== 'string') throw dataError('"exchange.error.requestUrl" must be a string.');
    error = {
      name: e.name, message: e.message,
      ...(e.status !== undefined ? { status: e.status as number } : {}),
      ...(e.data !== undefined ? { data: redactBody({ value: e.data }) } : {}),
      ...(e.requestUrl !== undefined ? { requestUrl: e.requestUrl as string } : {}),
    };
  }
  if (value.protocols !== undefined && !isObject(value.protocols)) throw dataError('"exchange.protocols" must be an object.');
  let inFlight: InspectedExchange['inFlight'];
  if (value.inFlight !== undefined) {
    const f = value.inFlight;
    if (!isObject(f) || !Number.isInteger(f.seq) || f.method !== 'POST' || typeof f.url !== 'string' || typeof f.startedAt !== 'string') {
      throw dataError('"exchange.inFlight" must be {seq, method: "POST", url, startedAt}.');
    }
    inFlight = { seq: f.seq as number, method: 'POST', url: f.url, startedAt: f.startedAt };
  }
  const optional = {
    pageOrigin: text('pageOrigin'),
    exchangeUrl: text('exchangeUrl'),
    // an exchange started from its exchange URL (CHAPI) has no interaction URL
    interactionUrl: text('interactionUrl', { required: value.exchangeUrl === undefined }),
    redirectUrl: text('redirectUrl'),
    steps: count('steps'),
    presented: count('presented'),
    received: count('received'),
  };
  return {
    id: text('id', { required: true, max: 512 })!,
    source,
    ...(optional.pageOrigin !== undefined ? { pageOrigin: optional.pageOrigin } : {}),
    ...(optional.interactionUrl !== undefined ? { interactionUrl: optional.interactionUrl } : {}),
    interactionUrls: texts('interactionUrls'),
    ...(optional.exchangeUrl !== undefined ? { exchangeUrl: optional.exchangeUrl } : {}),
    ...(value.protocols !== undefined ? { protocols: redactBody({ value: value.protocols }) as Obj } : {}),
    status: text('status', { required: true, max: 64 })!,
    createdAt: date('createdAt'),
    updatedAt: date('updatedAt'),
    ...(error ? { error } : {}),
    warnings: texts('warnings'),
    notes: texts('notes'),
    credentialIds: texts('credentialIds'),
    ...(optional.steps !== undefined ? { steps: optional.steps } : {}),
    ...(optional.presented !== undefined ? { presented: optional.presented } : {}),
    ...(optional.received !== undefined ? { received: optional.received } : {}),
    ...(optional.redirectUrl !== undefined ? { redirectUrl: optional.redirectUrl } : {}),
    ...(inFlight ? { inFlight } : {}),
  };
}
