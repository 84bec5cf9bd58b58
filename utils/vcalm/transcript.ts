// The wallet-side record of every HTTP message (shared contract: C emits, D stores, G shows).
export interface TranscriptMessage {
  exchangeId: string;
  seq: number;
  kind: TranscriptKind;
  method: 'GET' | 'POST';
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: unknown; // parsed JSON or text (capped)
  startedAt: string;
  durationMs?: number;
  error?: { name: string; message: string };
  /** What the raw body means, decoded by the engine (e.g. an OID4VP request object's JWT header and payload). */
  decoded?: unknown;
}

/**
 * Every transcript kind: VCALM's; OID4VCI's offer, metadata, token, nonce and credential (each its
 * own endpoint); OID4VP's request-object fetch and direct_post answer.
 */
export const TRANSCRIPT_KINDS = [
  'protocols', 'exchange', 'invite', 'redirect',
  'offer', 'metadata', 'token', 'nonce', 'credential',
  'oid4vp-request', 'oid4vp-response',
] as const;
export type TranscriptKind = (typeof TRANSCRIPT_KINDS)[number];

export type OnMessage = (message: TranscriptMessage) => void | Promise<void>;

export const TRANSCRIPT_HEADERS = ['content-type', 'location', 'accept', 'content-length', 'retry-after'];
export const TRANSCRIPT_TEXT_CAP = 64 * 1024;

/** Only the headers that matter; never an Authorization value. */
export function pickHeaders({ headers }: { headers: Headers | Record<string, string> }): Record<string, string> {
  const out: Record<string, string> = {};
  const get = (name: string) =>
    headers instanceof Headers
      ? headers.get(name)
      : Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  for (const name of TRANSCRIPT_HEADERS) {
    const value = get(name);
    if (value !== null && value !== undefined) out[name] = String(value).slice(0, 2048);
  }
  return out;
}
