// Exchanges: start one from an interaction URL, follow its progress, read its history.
import type { WireError } from './errors';
import type { Specs } from './spec';
import { empty, id, object, oneOf, optional, string, type Parser } from './validate';
import { namedError } from './errors';

export const EXCHANGE_SOURCES = ['paste', 'page', 'qr', 'screenshot', 'image', 'chapi', 'camera'] as const;
export type ExchangeSource = (typeof EXCHANGE_SOURCES)[number];

/** running → awaiting-approval → running … → complete | declined | failed */
export type ExchangeStatus = 'running' | 'awaiting-approval' | 'complete' | 'declined' | 'failed';

export interface ExchangeView {
  id: string;
  /** Where it started; absent when an internal caller (CHAPI) started it from a VC-API exchange URL. */
  interactionUrl?: string;
  source: ExchangeSource;
  /** The page that offered the interaction URL, when a page did (from the browser, not the page). */
  pageOrigin?: string;
  /** Where the exchange actually runs (the vcapi URL's origin), once known. */
  exchangeOrigin: string;
  exchangeUrl?: string;
  protocols?: Record<string, unknown>;
  /** The protocol this exchange runs (vcapi unless another was picked or the link was an OpenID one). */
  protocol?: 'vcapi' | 'oid4vp' | 'oid4vci';
  status: ExchangeStatus;
  /** One line for people: "Waiting for your approval", "Sending the presentation", … */
  phase: string;
  approvalId?: string;
  credentialIds: string[];
  error?: WireError;
  /** Optional redirect the server offered at the end (not an interaction URL). */
  redirectUrl?: string;
  createdAt: string;
  updatedAt: string;
}

export interface StartExchangeData {
  /** Any entry form: interaction URL, openid4vp:// / openid-credential-offer:// link, exchange URL, wallet deep link. */
  url: string;
  source: ExchangeSource;
  pageOrigin?: string;
  /** Run this protocol instead of the wallet's preference (vcapi first): vcapi, oid4vp, oid4vci. */
  protocol?: 'vcapi' | 'oid4vp' | 'oid4vci';
}

export interface ExchangeProtocol {
  startExchange(data: StartExchangeData): ExchangeView;
  listExchanges(data?: undefined): ExchangeView[];
  getExchange(data: { id: string }): ExchangeView;
}

/** An origin such as https://shop.example (scheme, host, port; nothing else). */
export function origin(): Parser<string> {
  const text = string({ min: 1, max: 300 });
  return (value, path) => {
    const s = text(value, path);
    let parsed: URL | undefined;
    try {
      parsed = new URL(s);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin === 'null' || parsed.origin !== s) {
      throw namedError({ name: 'DataError', message: `"${path}" must be an origin like https://shop.example.` });
    }
    return s;
  };
}

export const exchangeSpecs: Specs<ExchangeProtocol> = {
  startExchange: {
    access: 'extension',
    parse: object({
      url: string({ min: 1, max: 16_384 }), // the entry planner and each engine apply the real limits
      source: oneOf(EXCHANGE_SOURCES),
      pageOrigin: optional(origin()),
      protocol: optional(oneOf(['vcapi', 'oid4vp', 'oid4vci'] as const)),
    }),
  },
  listExchanges: { access: 'extension', parse: empty() },
  getExchange: { access: 'extension', parse: object({ id: id() }) },
};
