// One OID4VCI HTTP message: bounded in time and size, recorded in the transcript in utils/vcalm's
// shape, with secrets redacted (pre-authorized codes, transaction codes, access tokens) and proof
// JWTs decoded. vcalm's sendHttp sends JSON only; OID4VCI also needs form bodies (token endpoint)
// and a bearer token, so this is its sibling rather than a wrapper.
import { checkEndpointUrl } from '../vcalm/url-policy';
import { namedError, type ErrorName, hasErrorName } from '../errors';
import { checkJson } from '../json-bounds';
import { readCappedBytes } from '../read-capped';
import { fetchCheckingRedirects, isRedirectRefusal, type FetchLike } from '../vcalm/http';
import type { ExchangeLimits } from '../vcalm/limits';
import { pickHeaders, TRANSCRIPT_TEXT_CAP, type OnMessage, type TranscriptMessage } from '../vcalm/transcript';
import { decodeJwt } from './jwt';

export const REDACTED = '[redacted]';
const SECRET_KEYS = new Set(['pre-authorized_code', 'tx_code', 'user_pin', 'access_token', 'refresh_token', 'code', 'code_verifier']);

/** A deep copy with secret values replaced (the transcript is exported and shown). */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) =>
    [k, SECRET_KEYS.has(k) && typeof v === 'string' ? REDACTED : redactSecrets(v, depth + 1)]));
}

export interface Oid4Request {
  fetch?: FetchLike;
  method: 'GET' | 'POST';
  url: string;
  /** 'json' (default) or 'form' (application/x-www-form-urlencoded) */
  encoding?: 'json' | 'form';
  body?: Record<string, unknown>;
  accessToken?: string;
  kind: TranscriptMessage['kind'];
  exchangeId: string;
  seq: number;
  onMessage?: OnMessage;
  limits: Pick<ExchangeLimits, 'maxBodyBytes' | 'requestTimeoutMs'>;
  deadline?: number;
  signal?: AbortSignal;
  /** JWTs in the request to show decoded (a proof). */
  jwts?: { what: string; jwt: string }[];
  /** false: refuse loopback and local-network URLs (NotAllowedError) before anything is sent. */
  privateNetwork?: boolean;
}

export interface Oid4Response {
  status: number;
  body: unknown;
  headers: Headers;
}

function parse(text: string, contentType: string, url: string): unknown {
  if (!text.trim()) return undefined;
  if (/[/+]json\b/i.test(contentType) || /^\s*[[{]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return text;
    }
    // Depth, size and prototype keys, as utils/vcalm/http.ts bounds its replies: the fuzz suite
    // found a reply nested 20,000 deep ending in an unnamed RangeError (stack overflow) further on.
    return checkJson({ value, what: `The reply from ${url}` });
  }
  return text;
}

export async function sendOid4(options: Oid4Request): Promise<Oid4Response> {
  const { method, url, body, encoding = 'json', accessToken, kind, exchangeId, seq, onMessage, limits, deadline, signal } = options;
  // every request of an issuance a public page started goes through here: one check covers the
  // offer URI, the metadata, token, nonce and credential endpoints, whatever the metadata names
  if (options.privateNetwork === false) checkEndpointUrl({ url, what: 'issuer endpoint', privateNetwork: false });
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string | undefined;
  if (method === 'POST') {
    if (encoding === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(Object.entries(body ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body ?? {});
    }
  }
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const started = Date.now();
  const message: TranscriptMessage = {
    exchangeId, seq, kind, method, url,
    requestHeaders: { ...pickHeaders({ headers }), ...(accessToken ? { authorization: `Bearer ${REDACTED}` } : {}) },
    startedAt: new Date(started).toISOString(),
  };
  if (method === 'POST') message.requestBody = redactSecrets(body ?? {});
  const decoded = (options.jwts ?? []).flatMap(({ what, jwt }) => {
    try { return [{ what, ...decodeJwt({ jwt }) }]; } catch { return []; }
  });
  if (decoded.length) message.decoded = decoded.map(({ what, header, payload: p }) => ({ what, header, payload: p }));

  const remaining = deadline === undefined ? Infinity : deadline - started;
  const timeoutMs = Math.max(0, Math.min(limits.requestTimeoutMs, remaining));
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timeoutError = () => remaining <= limits.requestTimeoutMs
    ? namedError({ name: 'ExchangeTimeoutError', message: `The issuance ran past its time limit while waiting for ${url}.`, requestUrl: url })
    : namedError({ name: 'TimeoutError', message: `${method} ${url} got no reply within ${limits.requestTimeoutMs} ms.`, requestUrl: url });
  try {
    if (remaining <= 0) throw timeoutError();
    let response: Response;
    try {
      // a GET's redirects are followed one checked hop at a time (issue 11, finding 4); a POST
      // carrying a code, a token or a proof is never re-sent elsewhere by a redirect ('error')
      response = await fetchCheckingRedirects({
        doFetch,
        url,
        init: { method, headers, body: payload, signal: controller.signal, credentials: 'omit' },
        checkRedirect: (target) => checkEndpointUrl({ url: target, what: 'redirect target', privateNetwork: options.privateNetwork !== false }),
      });
    } catch (cause) {
      if (timedOut) throw timeoutError();
      if (signal?.aborted) throw namedError({ name: 'AbortError', message: `${method} ${url} was aborted.`, cause, requestUrl: url });
      if (isRedirectRefusal(cause)) throw cause; // the redirect policy's own refusals keep their names
      throw namedError({ name: 'NetworkError', message: `${method} ${url} failed: ${(cause as Error)?.message ?? cause}`, cause, requestUrl: url });
    }
    message.status = response.status;
    message.responseHeaders = pickHeaders({ headers: response.headers });
    const bytes = await readCappedBytes({
      response, maxBytes: limits.maxBodyBytes,
      tooLarge: () => namedError({ name: 'BodySizeLimitError', message: `The reply from ${url} is larger than ${limits.maxBodyBytes} bytes.`, requestUrl: url }),
    }).catch((cause) => {
      if (hasErrorName(cause, 'BodySizeLimitError')) throw cause;
      if (timedOut) throw timeoutError();
      throw namedError({ name: 'NetworkError', message: `Reading the reply from ${url} failed.`, cause, requestUrl: url });
    });
    const text = new TextDecoder().decode(bytes);
    const parsed = parse(text, response.headers.get('content-type') ?? '', url);
    const shown = redactSecrets(parsed);
    message.responseBody = typeof shown === 'string' && shown.length > TRANSCRIPT_TEXT_CAP ? `${shown.slice(0, TRANSCRIPT_TEXT_CAP)}…` : shown;
    message.durationMs = Date.now() - started;
    await emit(onMessage, message);
    return { status: response.status, body: parsed, headers: response.headers };
  } catch (error) {
    message.durationMs = Date.now() - started;
    message.error = { name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) };
    await emit(onMessage, message);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

async function emit(onMessage: OnMessage | undefined, message: TranscriptMessage) {
  if (!onMessage) return;
  try {
    await onMessage(message);
  } catch {
    // a failing transcript sink never changes the issuance
  }
}

/** An OAuth error reply (`{error, error_description}`) or any other failure, as a named error. */
export function oauthError({ status, body, url, what }: { status: number; body: unknown; url: string; what: string }) {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : {};
  const code = typeof b.error === 'string' ? b.error.slice(0, 80) : undefined;
  const description = typeof b.error_description === 'string' ? b.error_description.slice(0, 500)
    : typeof b.message === 'string' ? b.message.slice(0, 500) : undefined;
  const NAMES: Record<string, ErrorName> = {
    invalid_grant: 'NotAllowedError', // wrong or used pre-authorized code / transaction code
    invalid_client: 'NotAllowedError',
    invalid_token: 'NotAllowedError',
    invalid_nonce: 'InvalidNonceError',
    invalid_proof: 'DataError',
    invalid_request: 'DataError',
    invalid_credential_request: 'DataError',
    unsupported_credential_type: 'NotSupportedError',
    unsupported_credential_format: 'NotSupportedError',
    unknown_credential_configuration: 'NotSupportedError',
    unknown_credential_identifier: 'NotSupportedError',
    unsupported_grant_type: 'NotSupportedError',
    credential_request_denied: 'NotAllowedError',
  };
  const name = (code ? NAMES[code] : undefined) ?? (status === 404 || status === 410 ? 'NotFoundError' : status === 401 || status === 403 ? 'NotAllowedError' : status >= 500 ? 'OperationError' : 'DataError');
  const said = [code, description].filter(Boolean).join(': ');
  return namedError({
    name,
    message: `${what} failed (HTTP ${status}${said ? `, ${said}` : ''}).`,
    status, data: body, requestUrl: url,
  });
}
