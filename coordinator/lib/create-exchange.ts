// createExchange: `POST {workflowUrl}/exchanges` on a workflow service. Accepts bedrock's
// 204 + Location and the VCALM OAS's 201 (with a Location, or with the exchange in the body).
import { abortError, createError } from './errors';
import { checkHttpUrl, checkToken, httpError, networkError, pickFetch, readBody, type FetchLike } from './http';
import { lastSegment, normalizeExchange, type Exchange } from './exchange';

/** bedrock's maximum ttl: 48 hours. */
export const MAX_TTL_SECONDS = 48 * 60 * 60;

export interface CreateExchangeOptions {
  /** The workflow's URL, e.g. `https://vc.example/workflows/provenance-issuance`. */
  workflowUrl: string;
  /** OAuth2 bearer token for the workflow service. */
  token: string;
  /** Lifetime in seconds (bedrock default 900, max 48 h). Give `ttl` or `expires`, never both. */
  ttl?: number;
  /** Absolute expiry (Date or ISO date-time). */
  expires?: Date | string;
  /** Exchange variables the workflow's templates use, e.g. `{subject, sku}`. */
  variables: Record<string, unknown>;
  fetch?: FetchLike;
  signal?: AbortSignal;
}

export interface CreatedExchange {
  exchangeUrl: string;
  exchangeId: string;
  /** Present when the service sent the exchange in the 201 body. */
  exchange?: Exchange;
}

export async function createExchange(options: CreateExchangeOptions): Promise<CreatedExchange> {
  if (!options || typeof options !== 'object') throw new TypeError('"options" must be an object.');
  const { workflowUrl, token, ttl, expires, variables, fetch, signal } = options;
  const workflow = checkHttpUrl({ value: workflowUrl, label: 'workflowUrl' });
  checkToken(token);
  if (!variables || typeof variables !== 'object' || Array.isArray(variables)) {
    throw new TypeError('"variables" must be an object.');
  }
  if (ttl !== undefined && expires !== undefined) throw new TypeError('Give "ttl" or "expires", not both.');
  const body: Record<string, unknown> = { variables };
  if (ttl !== undefined) {
    if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TTL_SECONDS) {
      throw new TypeError(`"ttl" must be a whole number of seconds between 1 and ${MAX_TTL_SECONDS}.`);
    }
    body.ttl = ttl;
  }
  if (expires !== undefined) {
    const date = expires instanceof Date ? expires : typeof expires === 'string' ? new Date(expires) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new TypeError('"expires" must be a Date or an ISO date-time string.');
    body.expires = date.toISOString();
  }
  const doFetch = pickFetch(fetch);
  const url = `${workflow.href.replace(/\/+$/, '')}/exchanges`;

  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal,
      redirect: 'manual',
    });
  } catch (error) {
    if (signal?.aborted) throw abortError({ signal, what: 'Creating the exchange' });
    throw networkError({ what: 'Creating the exchange', error, requestUrl: url });
  }
  const data = await readBody({ response });
  if (response.status !== 201 && response.status !== 204 && response.status !== 200) {
    throw httpError({ what: 'Creating the exchange', status: response.status, data, requestUrl: url });
  }

  const location = response.headers.get('location');
  if (location) {
    let exchangeUrl: string;
    try {
      exchangeUrl = checkHttpUrl({ value: new URL(location, url).href, label: 'Location' }).href;
    } catch (cause) {
      throw createError({ name: 'DataError', message: `The workflow service sent an unusable Location header ${JSON.stringify(location.slice(0, 200))}.`, cause, status: response.status, requestUrl: url });
    }
    const created: CreatedExchange = { exchangeUrl, exchangeId: lastSegment(exchangeUrl) };
    const exchange = tryNormalize(data, exchangeUrl);
    if (exchange) created.exchange = exchange;
    return created;
  }

  // No Location: the OAS lets a 201 carry the exchange itself (flat or wrapped).
  const exchange = tryNormalize(data, undefined);
  const id = exchange?.id || idFrom(data);
  if (!id) {
    throw createError({
      name: 'DataError',
      message: `The workflow service answered HTTP ${response.status} without a Location header or an exchange id in the body.`,
      status: response.status,
      data,
      requestUrl: url,
    });
  }
  // An id may itself be the exchange URL; otherwise the URL is {workflowUrl}/exchanges/{id}.
  const exchangeUrl = /^https?:\/\//.test(id)
    ? checkHttpUrl({ value: id, label: 'exchange id' }).href
    : `${url}/${encodeURIComponent(id)}`;
  const created: CreatedExchange = { exchangeUrl, exchangeId: lastSegment(exchangeUrl) };
  if (exchange) created.exchange = { ...exchange, id: created.exchangeId };
  return created;
}

function tryNormalize(data: unknown, requestUrl: string | undefined): Exchange | undefined {
  if (!data || typeof data !== 'object') return undefined;
  try {
    return normalizeExchange({ data, requestUrl });
  } catch {
    return undefined;
  }
}

function idFrom(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const body = data as Record<string, any>;
  const id = body.exchange?.id ?? body.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 2000 ? id : undefined;
}
