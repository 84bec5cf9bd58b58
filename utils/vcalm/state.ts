// The JSON-serialisable state of one exchange. Save it after every next() (and in `checkpoint`,
// before every POST); resume by passing it back to next().
import type { ErrorJson } from './errors';
import { parseInteractionUrl } from './interaction-url';
import { resolveLimits, type ExchangeLimits } from './limits';
import type { Protocols } from './protocols';
import { checkEndpointUrl } from './url-policy';

export type ExchangeStatus =
  | 'discover' // next() will GET the interaction URL for {protocols}
  | 'ready' // next() will POST `outgoing` to the exchange URL
  | 'posting' // a POST was about to be / may have been sent; `pending` says what (seen only when resuming)
  | 'credentials' // `offered` waits for the caller to verify/store them; next() then continues
  | 'request' // `request` waits for input: {type:'presentation', verifiablePresentation} or {type:'decline'}
  | 'complete'
  | 'declined'
  | 'failed';

export const TERMINAL_STATUSES: readonly ExchangeStatus[] = ['complete', 'declined', 'failed'];

export interface PendingPost {
  seq: number; // transcript seq the POST was recorded under
  url: string;
  body: Record<string, unknown>;
  startedAt: string;
  carriesPresentation: boolean; // true: never re-sent automatically after a crash
}

/** What to do once the caller has taken the offered credentials. */
export interface QueuedAfterCredentials {
  request?: Record<string, unknown>;
  emptyRequest: boolean;
  redirectUrl?: string;
}

export interface ExchangeState {
  version: 1;
  id: string; // wallet-local exchange id (TranscriptMessage.exchangeId)
  status: ExchangeStatus;
  interactionUrl?: string; // the current interaction URL (changes along a redirect chain); absent when started from an exchange URL
  interactionUrls: string[]; // every interaction URL visited, first = where it started ([] when started from an exchange URL)
  origin: string; // origin of the current interaction URL (of the exchange URL when started from one)
  exchangeUrl?: string; // the vcapi endpoint being run
  protocols?: Protocols; // everything the (last) interaction URL offered
  warnings: string[];
  limits: ExchangeLimits;
  createdAt: string;
  updatedAt: string;
  deadline: number; // epoch ms (createdAt + limits.totalTimeoutMs)
  seq: number; // next transcript seq
  steps: number; // POSTs sent so far (all links of the chain)
  redirects: number; // redirectUrl → interaction URL hops taken
  referenceId?: string; // last referenceId the server sent; echoed in the next POST
  outgoing?: Record<string, unknown>; // in 'ready': the message to POST (referenceId added when sent)
  pending?: PendingPost; // in 'posting'
  offered?: Record<string, unknown>[]; // in 'credentials': VPs offered to the holder
  queued?: QueuedAfterCredentials; // in 'credentials': what the same reply also said
  request?: Record<string, unknown>; // in 'request': the VPR to answer
  received: number; // VPs offered over the whole exchange
  presented: number; // VPs the wallet sent
  redirectUrl?: string; // in 'complete': a plain URL to offer to the user
  error?: ErrorJson; // in 'failed' (and 'declined')
  discoverKind?: 'redirect'; // in 'discover' after a redirectUrl hop: how to label the GET
  privateNetwork?: false; // set: no URL of this exchange (hops, redirects included) may be on loopback or the local network
}

/**
 * The clock, limits and counters every protocol engine's new state starts with (vcalm, OID4VP,
 * OID4VCI): one place that says what "a fresh exchange" means for the runner's views.
 */
export function freshCounters({ limits, now }: { limits?: Partial<ExchangeLimits>; now: number }) {
  const resolved = resolveLimits({ limits });
  const at = new Date(now).toISOString();
  return {
    limits: resolved,
    createdAt: at,
    updatedAt: at,
    deadline: now + resolved.totalTimeoutMs,
    seq: 0,
    steps: 0,
    received: 0,
    presented: 0,
  };
}

/**
 * A new exchange. Start from an interaction URL (`interactionUrl`: discovery GET first) or from a
 * VC-API exchange URL (`exchangeUrl`, e.g. named by a CHAPI request: no discovery; the first
 * next() POSTs `{}`). Exactly one of them. Throws named errors for bad URLs.
 */
export function createExchange({ interactionUrl, exchangeUrl, id, limits, now = Date.now(), privateNetwork = true }: {
  interactionUrl?: string; exchangeUrl?: string; id?: string; limits?: Partial<ExchangeLimits>; now?: number;
  /** false: refuse loopback / private-network URLs anywhere in the exchange (started by a public page). */
  privateNetwork?: boolean;
}): ExchangeState {
  if ((interactionUrl === undefined) === (exchangeUrl === undefined)) {
    throw new TypeError('Exactly one of "interactionUrl" and "exchangeUrl" must be given.');
  }
  if (exchangeUrl !== undefined && typeof exchangeUrl !== 'string') throw new TypeError('"exchangeUrl" must be a string.');
  // both throw named errors for bad input (DataError, NotAllowedError, NotSupportedError)
  const start = interactionUrl !== undefined
    ? parseInteractionUrl({ url: interactionUrl })
    : { url: checkEndpointUrl({ url: exchangeUrl!, what: 'vcapi exchange URL' }).href, warnings: [] as string[] };
  checkEndpointUrl({ url: start.url, what: interactionUrl !== undefined ? 'interaction URL' : 'vcapi exchange URL', privateNetwork });
  if (id !== undefined && (typeof id !== 'string' || !id)) throw new TypeError('"id" must be a non-empty string.');
  const common = {
    version: 1 as const,
    id: id ?? globalThis.crypto.randomUUID(),
    origin: new URL(start.url).origin,
    warnings: [...start.warnings],
    ...freshCounters({ limits, now }),
    redirects: 0,
    ...(privateNetwork ? {} : { privateNetwork: false as const }),
  };
  if (interactionUrl !== undefined) {
    return { ...common, status: 'discover', interactionUrl: start.url, interactionUrls: [start.url] };
  }
  return { ...common, status: 'ready', interactionUrls: [], exchangeUrl: start.url, protocols: { vcapi: start.url }, outgoing: {} };
}

/** Check a URL this exchange is about to use against the URL policy (and its network scope). */
export function checkStateUrl({ state, url, what }: { state: ExchangeState; url: string; what: string }): URL {
  return checkEndpointUrl({ url, what, privateNetwork: state.privateNetwork !== false });
}

/** Shape check for a state read back from storage (untrusted-ish: an older version, a bad write). */
export function checkState({ state }: { state: unknown }): ExchangeState {
  const s = state as ExchangeState;
  if (!s || typeof s !== 'object' || s.version !== 1 || typeof s.id !== 'string' || typeof s.status !== 'string'
    || (typeof s.interactionUrl !== 'string' && typeof s.exchangeUrl !== 'string') || !s.limits || typeof s.seq !== 'number') {
    throw new TypeError('"state" must be an exchange state from createExchange().');
  }
  return s;
}
