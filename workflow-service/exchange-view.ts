// What readers see of a stored exchange (bedrock's wrapped shape), and the create-request check.
import { unknownOption, validationError } from './errors';
import type { StoredExchange } from './store';
import type { WorkflowConfig } from './workflows';

export const DEFAULT_TTL_SECONDS = 900;
export const MAX_TTL_SECONDS = 48 * 3600;

/** `{exchange: {id, state, sequence, expires, step, variables: {…, results}, lastError?}}` */
export function exchangeView({ exchange }: { exchange: StoredExchange }) {
  const visible: Partial<StoredExchange> = { ...exchange };
  delete visible.challenges;
  delete visible.created;
  return { exchange: visible };
}

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
}): { expires: string; variables: Record<string, unknown> } {
  const input = body === undefined ? {} : body;
  if (!isObject(input)) throw validationError('The body must be a JSON object {ttl | expires, variables}.');
  for (const key of Object.keys(input)) {
    if (!['ttl', 'expires', 'variables'].includes(key)) {
      throw unknownOption(`Unknown property "${key.slice(0, 50)}"; allowed: ttl, expires, variables.`);
    }
  }
  if (input.ttl !== undefined && input.expires !== undefined) {
    throw validationError('Give "ttl" or "expires", not both.');
  }
  let expiresMs = now + DEFAULT_TTL_SECONDS * 1000;
  if (input.ttl !== undefined) {
    const ttl = input.ttl;
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0 || ttl > MAX_TTL_SECONDS) {
      throw validationError(`"ttl" must be a number of seconds in (0, ${MAX_TTL_SECONDS}].`);
    }
    expiresMs = now + ttl * 1000;
  } else if (input.expires !== undefined) {
    const at = typeof input.expires === 'string' ? Date.parse(input.expires) : NaN;
    if (!Number.isFinite(at) || !/^\d{4}-\d{2}-\d{2}T/.test(String(input.expires))) {
      throw validationError('"expires" must be an ISO 8601 date-time.');
    }
    if (at <= now) throw validationError('"expires" must be in the future.');
    if (at > now + MAX_TTL_SECONDS * 1000) throw validationError('"expires" must be at most 48 hours ahead.');
    expiresMs = at;
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
  return { expires: new Date(expiresMs).toISOString(), variables };
}
