// The JSON-serialisable state of one OID4VCI issuance. Like utils/vcalm's state it is saved after
// every next() and (through `checkpoint`) before every POST, so a worker that dies can resume.
// The fields the wallet's views and inspector read (id, status, origin, interactionUrls,
// exchangeUrl, warnings, seq, received, presented, error, offered) mean what they mean in vcapi.
import type { ErrorJson } from '../errors';
import type { ExchangeLimits } from '../vcalm/limits';
import { freshCounters } from '../vcalm/state';
import { parseCredentialOffer, type CredentialOfferSource } from './offer';

export type Oid4vciStatus =
  | 'discover' // next() resolves the offer, reads issuer + AS metadata
  | 'pin' // the offer needs a transaction code: next() wants {type: 'pin', txCode} or {type: 'decline'}
  | 'ready' // next() asks for a token, a nonce, signs a proof and asks for the credential
  | 'posting' // a POST may be out; `pending` says which (seen only when resuming)
  | 'credentials' // `offered` waits for the caller to verify/store it; next() then completes
  | 'complete'
  | 'declined'
  | 'failed';

export interface TxCodeSpec {
  input_mode?: 'numeric' | 'text';
  length?: number;
  description?: string;
}

/** What the issuer said about itself and the offered credential(s), kept for the steps after. */
export interface IssuerContext {
  credentialIssuer: string;
  credentialEndpoint: string;
  nonceEndpoint?: string;
  tokenEndpoint?: string;
  authorizationEndpoint?: string;
  /** The configuration ids the offer names, with the metadata the wallet needs for each. */
  configurations: { id: string; format: string; proofTypes: Record<string, unknown>; definition?: Record<string, unknown> }[];
  /** Issuer display name (metadata `display[0].name`), when given. */
  name?: string;
}

export interface Oid4vciPending {
  seq: number;
  step: 'token' | 'credential';
  url: string;
  startedAt: string;
}

export interface Oid4vciState {
  version: 1;
  protocol: 'oid4vci';
  id: string;
  status: Oid4vciStatus;
  /** Where the offer came from (an openid-credential-offer:// or https link), as given. */
  offerUrl: string;
  source: CredentialOfferSource;
  /** The offer JSON once resolved (by value, or fetched from credential_offer_uri). */
  offer?: Record<string, unknown>;
  /** The pre-authorized code's grant / the authorization-code grant the offer names. */
  grant?: 'pre-authorized_code' | 'authorization_code';
  txCode?: TxCodeSpec;
  /** The transaction code the user typed (kept until the token request has been answered). */
  txCodeValue?: string;
  issuer?: IssuerContext;
  accessToken?: string;
  cNonce?: string;
  /** PKCE verifier and redirect of an authorization-code flow in progress. */
  pkce?: { verifier: string; redirectUri: string; state: string };
  pending?: Oid4vciPending;
  offered?: Record<string, unknown>[]; // in 'credentials': presentations wrapping what was issued
  // the fields the wallet reads for every protocol
  interactionUrls: string[];
  interactionUrl?: string;
  origin: string; // the credential issuer's origin once known, the offer's origin before
  /** false: started by a page on a public origin, so no loopback or local-network server may be contacted. */
  privateNetwork?: false;
  exchangeUrl?: string; // the credential endpoint once known
  warnings: string[];
  limits: ExchangeLimits;
  createdAt: string;
  updatedAt: string;
  deadline: number;
  seq: number;
  steps: number;
  received: number;
  presented: number;
  error?: ErrorJson;
}

export const OID4VCI_TERMINAL: readonly Oid4vciStatus[] = ['complete', 'declined', 'failed'];

/**
 * A new issuance from an offer link (`openid-credential-offer://…`, or an https link carrying
 * `credential_offer` / `credential_offer_uri`). Throws named errors for a link that is not an offer.
 */
export function createOid4vciExchange({ offerUrl, id, limits, now = Date.now(), interactionUrl, privateNetwork = true }: {
  offerUrl: string; id?: string; limits?: Partial<ExchangeLimits>; now?: number;
  /** The interaction URL whose protocols named this offer, when it came from one. */
  interactionUrl?: string;
  /** May it contact loopback and the local network? Not when a public page started it (as vcapi and OID4VP). */
  privateNetwork?: boolean;
}): Oid4vciState {
  const parsed = parseCredentialOffer({ url: offerUrl });
  return {
    version: 1,
    protocol: 'oid4vci',
    id: id ?? globalThis.crypto.randomUUID(),
    status: 'discover',
    offerUrl,
    source: parsed.source,
    ...(parsed.offer ? { offer: parsed.offer } : {}),
    interactionUrls: interactionUrl ? [interactionUrl] : [],
    ...(interactionUrl ? { interactionUrl } : {}),
    origin: parsed.origin,
    ...(privateNetwork ? {} : { privateNetwork: false as const }),
    warnings: [],
    ...freshCounters({ limits, now }),
  };
}

export function checkOid4vciState({ state }: { state: unknown }): Oid4vciState {
  const s = state as Oid4vciState;
  if (!s || typeof s !== 'object' || s.version !== 1 || s.protocol !== 'oid4vci' || typeof s.id !== 'string'
    || typeof s.status !== 'string' || typeof s.offerUrl !== 'string' || !s.limits || typeof s.seq !== 'number') {
    throw new TypeError('"state" must be an OID4VCI state from createOid4vciExchange().');
  }
  return s;
}
