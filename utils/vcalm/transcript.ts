// The wallet-side record of every HTTP message (shared contract: C emits, D stores, G shows).
export interface TranscriptMessage {
  exchangeId: string;
  seq: number;
  // vcapi: protocols / exchange / invite / redirect; OID4VCI adds offer, metadata, token, nonce,
  // credential (each its own endpoint); OID4VP adds request and response.
  kind: 'protocols' | 'exchange' | 'invite' | 'redirect'
    | 'offer' | 'metadata' | 'token' | 'nonce' | 'credential' | 'request' | 'response';
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
  /** Decoded JWTs the message carried (a proof JWT, a request object), for the inspector. */
  decoded?: { what: string; header: unknown; payload: unknown }[];
}

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
