// One HTTP message of an exchange: bounded in time and size, recorded in the transcript.
import { vcalmError } from './errors';
import type { ExchangeLimits } from './limits';
import { pickHeaders, TRANSCRIPT_TEXT_CAP, type OnMessage, type TranscriptMessage } from './transcript';
import { readCappedBytes } from '../read-capped';
import { checkJson } from '../json-bounds';
import { checkEndpointUrl } from './url-policy';
import { hasErrorName } from '../errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown; // parsed JSON, text, or undefined for an empty body
  url: string; // final URL (after any GET redirects)
}

export interface SendOptions {
  fetch?: FetchLike;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  kind: TranscriptMessage['kind'];
  exchangeId: string;
  seq: number;
  onMessage?: OnMessage;
  limits: Pick<ExchangeLimits, 'maxBodyBytes' | 'requestTimeoutMs'>;
  deadline?: number; // epoch ms: the whole exchange's deadline
  signal?: AbortSignal;
  /** GET only: called with each HTTP redirect's target before it is followed; throws to refuse it. */
  checkRedirect?: (url: string) => unknown;
}

/** HTTP redirect hops one GET may take (each checked by `checkRedirect`). */
export const MAX_HTTP_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Is `cause` one of fetchCheckingRedirects' own refusals (a hop the URL policy refused, a
 * redirect without a usable Location, too many hops)? Callers rethrow those as they are instead of
 * wrapping them as a NetworkError. fetch's own failures are TypeErrors and never count.
 */
export function isRedirectRefusal(cause: unknown): boolean {
  return hasErrorName(cause, 'NotAllowedError', 'NotSupportedError', 'DataError', 'RedirectLimitError') && !(cause instanceof TypeError);
}

/**
 * fetch(), following a GET's redirects by hand so that every hop is checked against the URL
 * policy before anything is sent to it (fetch's own 'follow' would reach a refused host first).
 * In a browser, `redirect: 'manual'` answers with an 'opaqueredirect' (no status, no Location);
 * the wallet's worker wraps fetch so that the Location its own webRequest listener saw comes back
 * as a plain 3xx (utils/wallet/redirect-fetch.ts). Where nobody can tell the target, the
 * redirect is refused: the wallet never follows a hop it could not check. (`redirect: 'follow'`
 * and checking `response.url` afterwards would have contacted every intermediate hop already.)
 */
export async function fetchCheckingRedirects({ doFetch, url, init, checkRedirect }: {
  doFetch: FetchLike; url: string; init: RequestInit; checkRedirect?: (url: string) => unknown;
}): Promise<Response> {
  if (init.method !== 'GET') return doFetch(url, { ...init, redirect: 'error' });
  let current = url;
  for (let hops = 0; ; hops++) {
    const response = await doFetch(current, { ...init, redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      throw vcalmError({
        name: 'NotAllowedError',
        message: `GET ${current} answered with a redirect whose target this browser does not show; the wallet does not follow redirects it cannot check. Use the final URL.`,
        requestUrl: current,
      });
    }
    if (!REDIRECT_STATUSES.has(response.status)) return response;
    const location = response.headers.get('location');
    await response.body?.cancel().catch(() => {});
    if (!location) {
      throw vcalmError({ name: 'DataError', message: `GET ${current} answered ${response.status} without a Location.`, status: response.status, requestUrl: current });
    }
    if (hops >= MAX_HTTP_REDIRECTS) {
      throw vcalmError({ name: 'RedirectLimitError', message: `GET ${url} redirected more than ${MAX_HTTP_REDIRECTS} times.`, requestUrl: current });
    }
    let target: string;
    try {
      target = new URL(location, current).href;
    } catch (cause) {
      throw vcalmError({ name: 'DataError', message: `GET ${current} redirected to an invalid URL.`, cause, status: response.status, requestUrl: current });
    }
    checkRedirect?.(target); // throws the policy's named error: the target is never contacted
    current = target;
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  const tooLarge = () => vcalmError({
    name: 'BodySizeLimitError',
    message: `The reply from ${url} is larger than ${maxBytes} bytes.`,
    status: response.status,
    requestUrl: url,
  });
  return new TextDecoder().decode(await readCappedBytes({ response, maxBytes, tooLarge }));
}

function parseBody(text: string, contentType: string, url: string, status: number): unknown {
  if (!text.trim()) return undefined;
  const json = /[/+]json\b/i.test(contentType);
  if (json || /^\s*[[{]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      if (json) {
        throw vcalmError({ name: 'DataError', message: `The reply from ${url} is not valid JSON.`, cause, status, requestUrl: url, data: text.slice(0, 2000) });
      }
      return text;
    }
    try {
      // depth, size and prototype keys: nothing downstream (jsonld, IndexedDB) sees the rest
      return checkJson({ value, what: `The reply from ${url}` });
    } catch (cause) {
      throw vcalmError({ name: 'DataError', message: (cause as Error).message, cause, status, requestUrl: url, data: text.slice(0, 2000) });
    }
  }
  return text;
}

function capForTranscript(body: unknown): unknown {
  return typeof body === 'string' && body.length > TRANSCRIPT_TEXT_CAP
    ? `${body.slice(0, TRANSCRIPT_TEXT_CAP)}… [${body.length - TRANSCRIPT_TEXT_CAP} more characters]`
    : body;
}

async function emit(onMessage: OnMessage | undefined, message: TranscriptMessage) {
  if (!onMessage) return;
  try {
    await onMessage(message);
  } catch {
    // a failing transcript sink must not break (or half-apply) the exchange step
  }
}

/**
 * Send one request and read its reply. HTTP error statuses are returned, not thrown (the caller
 * normalises them with errorFromResponse). Throws TimeoutError, ExchangeTimeoutError,
 * BodySizeLimitError, NetworkError, DataError (invalid JSON), AbortError (caller's signal).
 */
export async function sendHttp(options: SendOptions): Promise<HttpResult> {
  const { method, url, body, kind, exchangeId, seq, onMessage, limits, deadline, signal } = options;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const requestHeaders: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') requestHeaders['content-type'] = 'application/json';
  const started = Date.now();
  const message: TranscriptMessage = {
    exchangeId, seq, kind, method, url, requestHeaders: pickHeaders({ headers: requestHeaders }),
    startedAt: new Date(started).toISOString(),
  };
  if (method === 'POST') message.requestBody = body;

  const remaining = deadline === undefined ? Infinity : deadline - started;
  const totalBound = remaining <= limits.requestTimeoutMs;
  const timeoutMs = Math.max(0, Math.min(limits.requestTimeoutMs, remaining));
  const timeoutError = () => totalBound
    ? vcalmError({ name: 'ExchangeTimeoutError', message: `The exchange ran past its time limit while waiting for ${url}.`, requestUrl: url })
    : vcalmError({ name: 'TimeoutError', message: `${method} ${url} got no reply within ${limits.requestTimeoutMs} ms.`, requestUrl: url });

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (remaining <= 0) throw timeoutError();
    let response: Response;
    try {
      response = await fetchCheckingRedirects({
        doFetch,
        url,
        // a POST carrying a presentation must not be re-sent elsewhere by an HTTP redirect ('error')
        init: {
          method,
          headers: requestHeaders,
          body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
          signal: controller.signal,
          credentials: 'omit',
        },
        checkRedirect: options.checkRedirect ?? ((target) => checkEndpointUrl({ url: target, what: 'redirect target' })),
      });
    } catch (cause) {
      if (timedOut) throw timeoutError();
      if (isRedirectRefusal(cause)) throw cause; // the redirect policy's own refusals keep their names
      if (signal?.aborted) throw vcalmError({ name: 'AbortError', message: `${method} ${url} was aborted.`, cause, requestUrl: url });
      throw vcalmError({ name: 'NetworkError', message: `${method} ${url} failed: ${(cause as Error)?.message ?? cause}`, cause, requestUrl: url });
    }
    message.status = response.status;
    message.responseHeaders = pickHeaders({ headers: response.headers });
    let text: string;
    try {
      text = await readCapped(response, limits.maxBodyBytes, url);
    } catch (cause) {
      if (hasErrorName(cause, 'BodySizeLimitError')) throw cause;
      if (timedOut) throw timeoutError();
      throw vcalmError({ name: 'NetworkError', message: `Reading the reply from ${url} failed.`, cause, requestUrl: url });
    }
    const parsed = parseBody(text, response.headers.get('content-type') ?? '', url, response.status);
    message.responseBody = capForTranscript(parsed);
    message.durationMs = Date.now() - started;
    await emit(onMessage, message);
    return { status: response.status, headers: response.headers, body: parsed, url: response.url || url };
  } catch (error) {
    message.durationMs = Date.now() - started;
    const e = error as Error;
    message.error = { name: e?.name ?? 'Error', message: e?.message ?? String(error) };
    await emit(onMessage, message);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
