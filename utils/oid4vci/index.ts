// utils/oid4vci — the standalone OpenID4VCI wallet engine (Node and MV3 service worker; fetch only).
export { parseCredentialOffer, isCredentialOfferLink, checkOffer, OFFER_SCHEME, type ParsedOfferLink, type CredentialOfferSource } from './offer';
export { createOid4vciExchange, checkOid4vciState, OID4VCI_TERMINAL, type Oid4vciState, type Oid4vciStatus, type TxCodeSpec } from './state';
export { nextOid4vci, type Oid4vciNextOptions } from './next';
export { runOid4vci, type Oid4vciRunResult } from './run';
export { oid4vciPendingEvent, type Oid4vciEvent, type Oid4vciInput, type Oid4vciStepResult } from './events';
export { wellKnownUrls, SUPPORTED_FORMATS, PRE_AUTHORIZED_GRANT } from './discover';
export { pickProofType } from './issue';
export { decodeJwt } from './jwt';
export { redactSecrets, REDACTED } from './http';
export type { ProofSigner, HolderFor, Authorize } from './step-context';
