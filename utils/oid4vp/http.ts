// One HTTP message of an OID4VP presentation, recorded in the same transcript shape as a VCALM
// exchange (utils/vcalm/transcript.ts). OID4VP speaks forms (application/x-www-form-urlencoded)
// and JWTs, which utils/vcalm's JSON-only sendHttp does not, hence this small sender.
import { errorFromResponse } from '../vcalm/http-error';
import { vcalmError } from '../vcalm/errors';
import type { ExchangeLimits } from '../vcalm/limits';
import { pickHeaders, TRANSCRIPT_TEXT_CAP, type OnMessage, type TranscriptMessage } from '../vcalm/transcript';
import { readCappedBytes } from '../read-capped';
import { fetchCheckingRedirects, isRedirectRefusal } from '../vcalm/http';
import { checkEndpointUrl } from '../vcalm/url-policy';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface FormReply {
  status: number;
  contentType: string;
  /** Parsed JSON, or the text (a JWT). */
  body: unknown;
}

export async function sendOid4vp({ fetch, method, url, form, accept, kind, exchangeId, seq, onMessage, limits, deadline, signal, decorate, privateNetwork = true }: {
  fetch?: FetchLike;
  method: 'GET' | 'POST';
  url: string;
  form?: Record<string, string>;
  accept: string;
  kind: TranscriptMessage['kind'];
  exchangeId: string;
  seq: number;
  onMessage?: OnMessage;
  limits: Pick<ExchangeLimits, 'maxBodyBytes' | 'requestTimeoutMs'>;
  deadline: number;
  signal?: AbortSignal;
  /** Adds to the transcript message before it is emitted (e.g. the decoded request object). */
  decorate?: (message: TranscriptMessage, reply: FormReply) => void;
  /** false: a redirect to loopback or a private network is refused (an exchange a public page started). */
  privateNetwork?: boolean;
}): Promise<FormReply> {
  const doFetch: FetchLike = fetch ?? ((input, init) => globalThis.fetch(input, init));
  const requestHeaders: Record<string, string> = { accept };
  if (form) requestHeaders['content-type'] = 'application/x-www-form-urlencoded';
  const started = Date.now();
  const message: TranscriptMessage = {
    exchangeId, seq, kind, method, url, requestHeaders: pickHeaders({ headers: requestHeaders }),
    startedAt: new Date(started).toISOString(),
  };
  if (form) message.requestBody = { ...form };
  const remaining = deadline - started;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, Math.max(0, Math.min(limits.requestTimeoutMs, remaining)));
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const emit = async () => { try { await onMessage?.(message); } catch { /* the sink never breaks a step */ } };
  try {
    if (remaining <= 0) throw vcalmError({ name: 'ExchangeTimeoutError', message: `The presentation ran past its time limit before ${url}.`, requestUrl: url });
    let response: Response;
    try {
      // a GET's redirects are followed one checked hop at a time (issue 11, finding 4); an answer
      // carrying a presentation is never re-sent elsewhere by a redirect (POST: 'error')
      response = await fetchCheckingRedirects({
        doFetch,
        url,
        init: {
          method,
          headers: requestHeaders,
          body: form ? new URLSearchParams(form).toString() : undefined,
          signal: controller.signal,
          credentials: 'omit',
        },
        checkRedirect: (target) => checkEndpointUrl({ url: target, what: 'redirect target', privateNetwork }),
      });
    } catch (cause) {
      if (timedOut) throw vcalmError({ name: 'TimeoutError', message: `${method} ${url} got no reply within ${limits.requestTimeoutMs} ms.`, requestUrl: url });
      if (signal?.aborted) throw vcalmError({ name: 'AbortError', message: `${method} ${url} was aborted.`, requestUrl: url });
      if (isRedirectRefusal(cause)) throw cause; // the redirect policy's own refusals keep their names
      throw vcalmError({ name: 'NetworkError', message: `${method} ${url} failed: ${(cause as Error)?.message ?? cause}`, cause, requestUrl: url });
    }
    message.status = response.status;
    message.responseHeaders = pickHeaders({ headers: response.headers });
    const bytes = await readCappedBytes({
      response, maxBytes: limits.maxBodyBytes,
      tooLarge: () => vcalmError({ name: 'BodySizeLimitError', message: `The reply from ${url} is larger than ${limits.maxBodyBytes} bytes.`, requestUrl: url }),
    });
    const text = new TextDecoder().decode(bytes);
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown = text.trim() ? text.trim() : undefined;
    if (typeof body === 'string' && (/json/i.test(contentType) || /^[[{]/.test(body))) {
      try { body = JSON.parse(body); } catch (cause) {
        if (/json/i.test(contentType)) throw vcalmError({ name: 'DataError', message: `The reply from ${url} is not valid JSON.`, cause, requestUrl: url });
      }
    }
    message.responseBody = typeof body === 'string' && body.length > TRANSCRIPT_TEXT_CAP ? `${body.slice(0, TRANSCRIPT_TEXT_CAP)}…` : body;
    message.durationMs = Date.now() - started;
    const reply = { status: response.status, contentType, body };
    if (response.status >= 400) throw errorFromResponse({ status: response.status, body, requestUrl: url, method });
    decorate?.(message, reply);
    await emit();
    return reply;
  } catch (error) {
    message.durationMs ??= Date.now() - started;
    const e = error as Error;
    message.error = { name: e?.name ?? 'Error', message: e?.message ?? String(error) };
    await emit();
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
