// The inspector's own view of an exchange: read from whatever the wallet stored (utils/db's
// record with the step machine state, or the background's ExchangeView), with nothing secret.
import type { TranscriptMessage } from '../vcalm/transcript';

export type { TranscriptMessage };

/** Where the exchange came from; 'unknown' for records that do not say. */
export type InspectSource = 'page' | 'qr' | 'screenshot' | 'image' | 'paste' | 'chapi' | 'camera' | 'unknown';

export interface InspectError {
  name: string;
  message: string;
  status?: number;
  /** The server's own error body, when the error came from a reply. */
  data?: unknown;
  requestUrl?: string;
}

export interface InspectedExchange {
  id: string;
  source: InspectSource;
  pageOrigin?: string;
  /** Where it started; absent when it started from a VC-API exchange URL (CHAPI) — see exchangeUrl. */
  interactionUrl?: string;
  /** Every interaction URL visited (a redirect chain has several; none when started from an exchange URL). */
  interactionUrls: string[];
  exchangeUrl?: string;
  /** Every protocol the (last) interaction URL offered. */
  protocols?: Record<string, unknown>;
  /** The step machine's status (discover, ready, posting, request, credentials, complete, declined, failed) or the view's. */
  status: string;
  createdAt: string;
  updatedAt: string;
  error?: InspectError;
  warnings: string[];
  notes: string[];
  credentialIds: string[];
  steps?: number;
  presented?: number;
  received?: number;
  redirectUrl?: string;
  /** A POST sent and not answered yet (the step machine's `pending`), while the exchange runs. */
  inFlight?: { seq: number; method: 'POST'; url: string; startedAt: string };
}

/** Labels for sources, as people name them. */
export const SOURCE_LABELS: Record<InspectSource, string> = {
  page: 'page',
  qr: 'QR code',
  screenshot: 'screenshot',
  image: 'image',
  paste: 'pasted URL',
  chapi: 'CHAPI',
  camera: 'camera',
  unknown: 'unknown',
};

export interface ExchangeExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  exchange: InspectedExchange;
  messages: TranscriptMessage[];
}

export const EXPORT_FORMAT = 'vcalm-wallet/exchange';
