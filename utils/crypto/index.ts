// The signing and verification core: did:key Ed25519 keys, Data Integrity
// (eddsa-rdfc-2022) and Ed25519Signature2020 proofs, a static document loader.
// Runs in the MV3 service worker, the popup and plain Node.
export { type WalletKey, type Signer, type KeyCurve, generateDidKey, keyToJson, keyFromJson, createSigner, checkKeyPair, keyCurveOf } from './keys';
export {
  type SigningCryptosuite,
  SIGNING_CRYPTOSUITES,
  SUITES_BY_CURVE,
  WALLET_CRYPTOSUITES,
  normalizeCryptosuite,
  pickCryptosuite,
  acceptedCryptosuiteNames,
} from './cryptosuites';
export { createPresentation, signPresentation, issueCredential } from './sign';
export { type CredentialVerification, verifyCredential } from './verify-credential';
export { type PresentationVerification, verifyPresentation } from './verify-presentation';
export { type DocumentLoader, type RemoteDocument, createDocumentLoader, documentLoader } from './document-loader';
export type { ErrorSummary } from './errors';
export { createSigningTask } from './signing-task';
// lower level: a jsonld-signatures suite for a signer (tests that need odd proofs use it)
export { createSignSuite } from './suites';
export {
  type StatusState,
  type StatusEntryResult,
  type CredentialStatusResult,
  type LoadStatusList,
  checkCredentialStatus,
  statusEntries,
} from './status';
