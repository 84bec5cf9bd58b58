// utils/oid4vp — the wallet side of OpenID4VP (standalone: Node and MV3 worker, fetch only).
export { createOid4vpExchange, isOid4vpState, OID4VP_TERMINAL, type Oid4vpState, type Oid4vpStatus, type Verifier } from './state';
export { nextOid4vp, oid4vpPendingEvent, type Oid4vpEvent, type Oid4vpNextOptions, type Oid4vpStepResult } from './next';
export { parseRequestUri, OID4VP_SCHEMES, type ParsedRequestUri } from './parse-uri';
export { parseClientId, type ClientIdentifier } from './client-id';
export { decodeJwt, verifyDidSignedJwt, looksLikeJwt } from './request-object';
export { buildResponse } from './respond';
export { WALLET_METADATA } from './wallet-metadata';
export { signRequestObject, base64UrlEncode } from './sign-request';
export { expandedTypesOf, withExpandedTypes, usesDcql } from './expand-types';
