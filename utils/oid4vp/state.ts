// The JSON-serialisable state of one OID4VP presentation, shaped like utils/vcalm's exchange state
// (id, status, seq, origin, exchangeUrl, limits, deadline …) so the runner, the history and the
// inspector read it the same way; `protocol: 'oid4vp'` tells the runner which engine drives it.
import type { ErrorJson } from '../errors';
import type { ExchangeLimits } from '../vcalm/limits';
import { freshCounters } from '../vcalm/state';
import type { VerifierKind } from './client-id';
import { parseRequestUri } from './parse-uri';

export type Oid4vpStatus = 'discover' | 'request' | 'posting' | 'complete' | 'declined' | 'failed';

export interface Verifier {
  clientId: string;
  prefix: 'redirect_uri' | 'decentralized_identifier';
  /** origin: an unsigned redirect_uri: verifier is only the response URI's origin; did: the DID, signature checked. */
  kind: VerifierKind;
  /** The origin or the DID, as to be shown. */
  id: string;
  checked: boolean;
  /** Ways the request bent the spec (shown in the inspector). */
  nonConformant: string[];
}

export interface Oid4vpState {
  version: 1;
  protocol: 'oid4vp';
  id: string;
  status: Oid4vpStatus;
  /** The request link as given. */
  uri: string;
  /** The interaction URL the link came from, if any (kept for the history). */
  interactionUrl?: string;
  interactionUrls: string[];
  /** The verifier's origin (response URI's) once known; before, the origin the link points at. */
  origin: string;
  /** Where the answer goes (response_uri): the runner's views read the asking origin from it. */
  exchangeUrl?: string;
  warnings: string[];
  limits: ExchangeLimits;
  createdAt: string;
  updatedAt: string;
  deadline: number;
  seq: number;
  steps: number;
  redirects: number;
  received: number;
  presented: number;
  walletNonce?: string;
  /** The resolved authorization request parameters (decoded request object). */
  authorizationRequest?: Record<string, unknown>;
  verifier?: Verifier;
  /** In 'request': what the approval reads, a request with challenge = nonce and domain = client_id. */
  request?: Record<string, unknown>;
  /** In 'posting': the answer about to leave (never re-sent after a crash). */
  pending?: { seq: number; url: string; startedAt: string };
  redirectUrl?: string;
  error?: ErrorJson;
  /** Set false when a public page started it: no URL of this presentation may be on loopback or the local network. */
  privateNetwork?: false;
}

export const OID4VP_TERMINAL: readonly Oid4vpStatus[] = ['complete', 'declined', 'failed'];

/** A new presentation from an OID4VP request link. Throws named errors for a link it cannot read. */
export function createOid4vpExchange({ uri, interactionUrl, id, limits, now = Date.now(), privateNetwork = true }: {
  uri: string; interactionUrl?: string; id?: string; limits?: Partial<ExchangeLimits>; now?: number; privateNetwork?: boolean;
}): Oid4vpState {
  const parsed = parseRequestUri({ uri });
  let origin = '';
  for (const candidate of [parsed.requestUri, parsed.params.response_uri, parsed.params.redirect_uri, interactionUrl]) {
    if (typeof candidate !== 'string') continue;
    try { origin = new URL(candidate).origin; break; } catch { /* next */ }
  }
  return {
    version: 1,
    protocol: 'oid4vp',
    id: id ?? globalThis.crypto.randomUUID(),
    status: 'discover',
    uri: uri.trim(),
    ...(interactionUrl ? { interactionUrl } : {}),
    interactionUrls: interactionUrl ? [interactionUrl] : [],
    origin,
    warnings: [],
    ...freshCounters({ limits, now }),
    redirects: 0,
    ...(privateNetwork ? {} : { privateNetwork: false as const }),
  };
}

export function isOid4vpState(state: unknown): state is Oid4vpState {
  const s = state as Oid4vpState;
  return !!s && typeof s === 'object' && s.version === 1 && s.protocol === 'oid4vp' && typeof s.id === 'string' && typeof s.uri === 'string';
}
