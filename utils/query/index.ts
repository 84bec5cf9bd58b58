// Presentation-request matching: pure functions (Node and browser). matchRequest() explains a VPR
// of any shape against the wallet's credentials: what each query asks, which credentials fit and why the
// others do not, whether DID auth can be answered and with which suite, and which group to answer.
export { matchRequest } from './match-request';
export { normalizeRequest, unwrapRequest, LIMITS } from './normalize-request';
export type { NormalizedRequest, NormalizedQuery, NormalizedCredentialQuery, AcceptedIssuers } from './normalize-request';
export { matchExample } from './example-match';
export { matchCredentialQuery, issuerId } from './credential-query';
export { explainDidAuth, chooseSuite, DEFAULT_WALLET } from './did-auth';
export { groupAlternatives, planDidAuth } from './alternatives';
export { defaultSelection } from './selection';
export { domainMatchesOrigin } from './domain';
export {
  normalizeCryptosuiteName,
  readCryptosuites,
  readEnvelopes,
  readDidMethods,
  credentialCryptosuites,
} from './names';
export type { Problem } from './errors';
export type * from './types';
export { exampleFromDcqlClaims } from './dcql-claims';
export { parseDcql, queriesFromDcql, dcqlMismatch, shortTypeName, MAX_DCQL_COMBINATIONS } from './dcql';
export { queriesFromAuthorizationRequest, acceptedVpSuites } from './oid4vp-request';
