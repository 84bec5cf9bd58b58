// One exchange as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the format
// Chromium's network panel imports. Bodies are the transcript's (parsed JSON re-serialised,
// pretty when short); secrets are redacted; timings put the whole duration in `wait`.
import { redactBody, redactHeaders } from './redact';
import type { InspectedExchange, TranscriptMessage } from './types';

export interface HarHeader { name: string; value: string }
export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string; url: string; httpVersion: string; cookies: never[]; headers: HarHeader[];
    queryString: HarHeader[]; postData?: { mimeType: string; text: string }; headersSize: number; bodySize: number;
  };
  response: {
    status: number; statusText: string; httpVersion: string; cookies: never[]; headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string; comment?: string };
    redirectURL: string; headersSize: number; bodySize: number; _error?: string;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; send: number; wait: number; receive: number; ssl: number };
  serverIPAddress?: string;
  comment?: string;
  /** Chromium's own HAR field: the panel's "Type" column and Fetch/XHR filter. */
  _resourceType: 'fetch';
  _vcalm: { exchangeId: string; seq: number; kind: string };
}
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    browser?: { name: string; version: string };
    pages: { startedDateTime: string; id: string; title: string; pageTimings: { onContentLoad: number; onLoad: number } }[];
    entries: HarEntry[];
    comment?: string;
  };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 410: 'Gone', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/** A body as text: strings as they are, anything else as JSON (2-space indented). */
export function bodyText({ body }: { body: unknown }): string | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return body;
  return JSON.stringify(redactBody({ value: body }), null, 2);
}

function headerList(headers: unknown): HarHeader[] {
  return Object.entries(redactHeaders({ headers })).map(([name, value]) => ({ name, value }));
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const hit = Object.entries(headers as Record<string, unknown>).find(([k]) => k.toLowerCase() === name);
  return hit ? String(hit[1]) : undefined;
}

function queryString(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function mimeOf(headers: unknown, body: unknown): string {
  return headerValue(headers, 'content-type') ?? (body === undefined ? 'x-unknown' : typeof body === 'string' ? 'text/plain' : 'application/json');
}

export function messageToHarEntry({ message, pageref }: { message: TranscriptMessage; pageref?: string }): HarEntry {
  const requestText = bodyText({ body: message.requestBody });
  const responseText = bodyText({ body: message.responseBody });
  const status = typeof message.status === 'number' ? message.status : 0;
  const wait = typeof message.durationMs === 'number' && message.durationMs >= 0 ? message.durationMs : 0;
  const started = Number.isNaN(Date.parse(message.startedAt)) ? new Date(0).toISOString() : new Date(message.startedAt).toISOString();
  const location = headerValue(message.responseHeaders, 'location');
  return {
    ...(pageref ? { pageref } : {}),
    startedDateTime: started,
    time: wait,
    request: {
      method: message.method,
      url: message.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(message.requestHeaders),
      queryString: queryString(message.url),
      ...(requestText !== undefined
        ? { postData: { mimeType: mimeOf(message.requestHeaders, message.requestBody), text: requestText } }
        : {}),
      headersSize: -1,
      bodySize: requestText === undefined ? 0 : byteLength(requestText),
    },
    response: {
      status,
      statusText: status ? STATUS_TEXT[status] ?? '' : '',
      httpVersion: status ? 'HTTP/1.1' : '',
      cookies: [],
      headers: headerList(message.responseHeaders),
      content: {
        size: responseText === undefined ? 0 : byteLength(responseText),
        mimeType: mimeOf(message.responseHeaders, message.responseBody),
        ...(responseText !== undefined ? { text: responseText } : {}),
        ...(typeof message.responseBody === 'object' && message.responseBody !== null
          ? { comment: 'Parsed by the wallet and re-serialised; whitespace differs from the wire.' }
          : {}),
      },
      redirectURL: location && status >= 300 && status < 400 ? location : '',
      headersSize: -1,
      bodySize: responseText === undefined ? (status === 204 ? 0 : -1) : byteLength(responseText),
      ...(message.error ? { _error: `${message.error.name}: ${message.error.message}` } : {}),
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait, receive: 0, ssl: -1 },
    _resourceType: 'fetch',
    comment: `${message.kind} #${message.seq}${message.error ? ` — ${message.error.name}: ${message.error.message}` : ''}`,
    _vcalm: { exchangeId: message.exchangeId, seq: message.seq, kind: message.kind },
  };
}

export function exchangeToHar({ exchange, messages, creator = { name: 'VCALM Wallet inspector', version: '0.1.0' } }: {
  exchange: InspectedExchange;
  messages: TranscriptMessage[];
  creator?: { name: string; version: string };
}): Har {
  if (!exchange || typeof exchange.id !== 'string') throw new TypeError('"exchange" must be an inspected exchange.');
  if (!Array.isArray(messages)) throw new TypeError('"messages" must be an array.');
  const pageref = `exchange-${exchange.id}`;
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  const first = sorted[0]?.startedAt ?? exchange.createdAt;
  return {
    log: {
      version: '1.2',
      creator: { name: creator.name, version: creator.version },
      pages: [{
        startedDateTime: Number.isNaN(Date.parse(first)) ? new Date(0).toISOString() : new Date(first).toISOString(),
        id: pageref,
        title: `VCALM exchange ${exchange.id} (${exchange.interactionUrl ?? exchange.exchangeUrl})`,
        pageTimings: { onContentLoad: -1, onLoad: -1 },
      }],
      entries: sorted.map((message) => messageToHarEntry({ message, pageref })),
      comment: `status ${exchange.status}; source ${exchange.source}`,
    },
  };
}
