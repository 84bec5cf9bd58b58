// What readers see of a stored exchange (bedrock's wrapped shape or VCALM's flat one), and the
// create-request check.
import { lastErrorProblem, unknownOption, validationError } from './errors';
import type { StoredExchange } from './store';
import type { WorkflowConfig } from './workflows';

export const DEFAULT_TTL_SECONDS = 900;
export const MAX_TTL_SECONDS = 48 * 3600;

/**
 * `wrapped` (bedrock, the default): `{exchange: {id, workflowId, state, sequence, expires, step,
 * variables, lastError?}}`. `flat` (VCALM OAS `GetExchangeResponse`, additionalProperties false):
 * `{id, sequence, expires, step, state, variables, lastError?}`. Either way `lastError` is a
 * ProblemDetails that keeps bedrock's name/message, and challenges, referenceIds, the callback
 * and OpenID4VCI bookkeeping stay inside.
 */
export type ExchangeShape = 'wrapped' | 'flat';
export const EXCHANGE_SHAPES: readonly ExchangeShape[] = ['wrapped', 'flat'];

export function exchangeView({ exchange, shape = 'wrapped' }: { exchange: StoredExchange; shape?: ExchangeShape }) {
  const { id, workflowId, state, sequence, expires, step, variables, lastError } = exchange;
  const flat: Record<string, unknown> = { id, sequence, expires, step, state, variables };
  if (lastError) flat.lastError = lastErrorProblem(lastError);
  if (shape === 'flat') return flat;
  return { exchange: { id, workflowId, ...flat } };
}

/** The shape a reader asked for: the `exchange-shape` request header, else the service's default. */
export function shapeOf({ header, fallback }: { header: string | string[] | undefined; fallback: ExchangeShape }): ExchangeShape {
  if (header === undefined) return fallback;
  const value = String(header).trim().toLowerCase();
  if (!(EXCHANGE_SHAPES as readonly string[]).includes(value)) {
    throw validationError(`Header "Exchange-Shape" must be "wrapped" (bedrock) or "flat" (VCALM GetExchangeResponse).`);
  }
  return value as ExchangeShape;
}

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && value.length <= 2048;
  } catch {
    return false;
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Validates a create body `{ttl | expires, variables}`; returns the expiry and variables. */
export function parseCreateBody({
  body,
  workflow,
  now = Date.now(),
}: {
  body: unknown;
  workflow: WorkflowConfig;
  now?: number;
}): { expires: string; ttlSeconds?: number; variables: Record<string, unknown>; callback?: { url: string } } {
  const input = body === undefined ? {} : body;
  if (!isObject(input)) throw validationError('The body must be a JSON object {ttl | expires, variables}.');
  for (const key of Object.keys(input)) {
    if (!['ttl', 'expires', 'variables', 'callback'].includes(key)) {
      throw unknownOption(`Unknown property "${key.slice(0, 50)}"; allowed: ttl, expires, variables, callback.`);
    }
  }
  if (input.ttl !== undefined && input.expires !== undefined) {
    throw validationError('Give "ttl" or "expires", not both.');
  }
  let expiresMs = now + DEFAULT_TTL_SECONDS * 1000;
  // a lifetime (not a date) is counted from the store's clock when the exchange is stored
  let ttlSeconds: number | undefined = DEFAULT_TTL_SECONDS;
  if (input.ttl !== undefined) {
    const ttl = input.ttl;
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0 || ttl > MAX_TTL_SECONDS) {
      throw validationError(`"ttl" must be a number of seconds in (0, ${MAX_TTL_SECONDS}].`);
    }
    expiresMs = now + ttl * 1000;
    ttlSeconds = ttl;
  } else if (input.expires !== undefined) {
    const at = typeof input.expires === 'string' ? Date.parse(input.expires) : NaN;
    if (!Number.isFinite(at) || !/^\d{4}-\d{2}-\d{2}T/.test(String(input.expires))) {
      throw validationError('"expires" must be an ISO 8601 date-time.');
    }
    if (at <= now) throw validationError('"expires" must be in the future.');
    if (at > now + MAX_TTL_SECONDS * 1000) throw validationError('"expires" must be at most 48 hours ahead.');
    expiresMs = at;
    ttlSeconds = undefined;
  }
  const variables = input.variables === undefined ? {} : input.variables;
  if (!isObject(variables)) throw validationError('"variables" must be a JSON object.');
  if (Object.hasOwn(variables, 'results')) {
    throw validationError('"variables.results" is reserved for step results.');
  }
  const missing = (workflow.requiredVariables ?? []).filter((name) => {
    const value = variables[name];
    return value === undefined || value === null || value === '';
  });
  if (missing.length) {
    throw validationError(`Workflow "${workflow.id}" needs variables: ${missing.join(', ')}.`, { missing });
  }
  let callback: { url: string } | undefined;
  if (input.callback !== undefined) {
    const url = isObject(input.callback) ? input.callback.url : undefined;
    if (!isObject(input.callback) || Object.keys(input.callback).some((key) => key !== 'url') || typeof url !== 'string' || !isHttpUrl(url)) {
      throw validationError('"callback" must be {"url": "https://…"} (an http or https URL).');
    }
    callback = { url };
  }
  return { expires: new Date(expiresMs).toISOString(), ttlSeconds, variables, ...(callback ? { callback } : {}) };
}
