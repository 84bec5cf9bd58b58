// The few HTTP helpers the library needs: bounded body reading and one place that turns a
// failed reply into a named error carrying the server's own words.
import { createError, type CoordinatorError } from './errors';
import { isErrorName, type ErrorName } from '../../utils/errors';
import { readCappedBytes } from '../../utils/read-capped';

/** Replies from a workflow service are bounded; anything larger is refused as DataError. */
export const MAX_REPLY_BYTES = 10 * 1024 * 1024;

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export function pickFetch(fetchOption: unknown): FetchLike {
  if (fetchOption === undefined) return globalThis.fetch.bind(globalThis);
  if (typeof fetchOption !== 'function') throw new TypeError('"fetch" must be a function.');
  return fetchOption as FetchLike;
}

export function checkHttpUrl({ value, label }: { value: unknown; label: string }): URL {
  if (typeof value !== 'string' && !(value instanceof URL)) {
    throw new TypeError(`"${label}" must be an http(s) URL.`);
  }
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new TypeError(`"${label}" must be an http(s) URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`"${label}" must be an http(s) URL.`);
  }
  return url;
}

export function checkToken(token: unknown): string {
  if (typeof token !== 'string' || token.trim() === '' || /[\r\n]/.test(token)) {
    throw new TypeError('"token" must be a non-empty string.');
  }
  return token;
}

/** Reads a reply body with a size cap; returns parsed JSON when it parses, else the text. */
export async function readBody({ response, maxBytes = MAX_REPLY_BYTES }: { response: Response; maxBytes?: number }): Promise<unknown> {
  const bytes = await readCappedBytes({
    response,
    maxBytes,
    tooLarge: () => createError({ name: 'DataError', message: `The reply is larger than ${maxBytes} bytes.`, status: response.status, requestUrl: response.url }),
  });
  const text = new TextDecoder().decode(bytes);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  }
}

const STATUS_NAMES: Record<number, ErrorName> = {
  400: 'DataError',
  401: 'NotAllowedError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  409: 'InvalidStateError',
  413: 'DataError',
  422: 'DataError',
  429: 'QuotaExceededError',
};

/** The server's own explanation, from bedrock `{name, message}`, ProblemDetails `{title, detail}` or DCC `{code, message}`. */
export function serverMessage(data: unknown): string | undefined {
  if (typeof data === 'string') return data.trim().slice(0, 500) || undefined;
  if (!data || typeof data !== 'object') return undefined;
  const body = data as Record<string, unknown>;
  const parts = [body.message, body.detail, body.title].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts[0]?.slice(0, 500);
}

/** A failed HTTP reply as a named error: the server's error name if it sent a plausible one, else one derived from the status. */
export function httpError({ what, status, data, requestUrl }: { what: string; status: number; data: unknown; requestUrl: string }): CoordinatorError {
  const sentName = data && typeof data === 'object' ? (data as Record<string, unknown>).name : undefined;
  // only a name the project knows becomes the error's name; the server's body stays in `data`
  const name = isErrorName(sentName)
    ? sentName
    : STATUS_NAMES[status] ?? (status >= 500 ? 'OperationError' : 'DataError');
  const said = serverMessage(data);
  const message = `${what} failed with HTTP ${status}${said ? `: ${said}` : '.'}`;
  return createError({ name, message, status, data, requestUrl });
}

export function networkError({ what, error, requestUrl }: { what: string; error: unknown; requestUrl: string }): CoordinatorError {
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return createError({ name: 'NetworkError', message: `${what} failed: could not reach ${new URL(requestUrl).origin} (${reason}).`, cause: error, requestUrl });
}
