// Reading an exchange from a workflow service. bedrock wraps it as `{exchange: {...}}`; the
// VCALM OAS returns the object itself. Both come out of here as one normalised `Exchange`.
import { abortError, createError } from './errors';
import { checkHttpUrl, checkToken, httpError, networkError, pickFetch, readBody, type FetchLike } from './http';

export type ExchangeState = 'pending' | 'active' | 'complete' | 'invalid';
const STATES: readonly string[] = ['pending', 'active', 'complete', 'invalid'];

export interface Exchange {
  id: string;
  state: ExchangeState;
  sequence?: number;
  /** ISO date-time after which the service forgets the exchange. */
  expires?: string;
  step?: string;
  variables: Record<string, unknown> & { results?: Record<string, any> };
  /** Why the exchange became `invalid`, when the service says. */
  lastError?: { name?: string; message?: string; [key: string]: unknown };
  /** The reply as received, for logging. */
  raw: unknown;
}

/** Accepts bedrock's wrapped `{exchange}` and the flat OAS object; throws DataError for anything else. */
export function normalizeExchange({ data, requestUrl }: { data: unknown; requestUrl?: string }): Exchange {
  const outer = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const inner = outer && outer.exchange && typeof outer.exchange === 'object' && !Array.isArray(outer.exchange)
    ? (outer.exchange as Record<string, unknown>)
    : outer;
  if (!inner) {
    throw createError({ name: 'DataError', message: 'The workflow service replied with something that is not an exchange object.', data, requestUrl });
  }
  const { id, state, sequence, expires, step, variables, lastError } = inner;
  if (typeof state !== 'string' || !STATES.includes(state)) {
    throw createError({
      name: 'DataError',
      message: `The exchange has an unknown state ${JSON.stringify(state)?.slice(0, 40)}; expected one of ${STATES.join(', ')}.`,
      data,
      requestUrl,
    });
  }
  const exchange: Exchange = {
    id: typeof id === 'string' ? id : requestUrl ? lastSegment(requestUrl) : '',
    state: state as ExchangeState,
    variables: variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Exchange['variables']) : {},
    raw: data,
  };
  if (typeof sequence === 'number') exchange.sequence = sequence;
  if (typeof expires === 'string') exchange.expires = expires;
  if (typeof step === 'string') exchange.step = step;
  if (lastError && typeof lastError === 'object') exchange.lastError = lastError as Exchange['lastError'];
  return exchange;
}

export function lastSegment(url: string): string {
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts.at(-1) ?? '');
}

export interface ReadExchangeOptions {
  exchangeUrl: string;
  token: string;
  fetch?: FetchLike;
  signal?: AbortSignal;
}

/** One authenticated `GET {exchangeUrl}`; failures are named errors with the server's message. */
export async function readExchange({ exchangeUrl, token, fetch, signal }: ReadExchangeOptions): Promise<Exchange> {
  const url = checkHttpUrl({ value: exchangeUrl, label: 'exchangeUrl' }).href;
  checkToken(token);
  const doFetch = pickFetch(fetch);
  let response: Response;
  try {
    response = await doFetch(url, { headers: { accept: 'application/json', authorization: `Bearer ${token}` }, signal });
  } catch (error) {
    if (signal?.aborted) throw abortError({ signal, what: 'Reading the exchange' });
    throw networkError({ what: 'Reading the exchange', error, requestUrl: url });
  }
  const data = await readBody({ response });
  if (!response.ok) {
    if (response.status === 404) {
      throw createError({
        name: 'NotFoundError',
        message: `The exchange has expired or is unknown to the workflow service (HTTP 404${data ? `: ${describe(data)}` : ''}).`,
        status: 404,
        data,
        requestUrl: url,
      });
    }
    throw httpError({ what: 'Reading the exchange', status: response.status, data, requestUrl: url });
  }
  return normalizeExchange({ data, requestUrl: url });
}

function describe(data: unknown): string {
  if (typeof data === 'string') return data.slice(0, 200).trim().replace(/\.$/, '');
  const body = data as Record<string, unknown>;
  const text = body?.message ?? body?.detail ?? body?.title;
  return typeof text === 'string' ? text.slice(0, 200).replace(/\.$/, '') : 'no message';
}
