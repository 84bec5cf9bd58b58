// The wallet's IndexedDB: one schema, one repository per store. The only module that imports idb.
export { openWalletDb, type WalletDb } from './open';
export {
  DB_VERSION,
  DEFAULT_DB_NAME,
  type KeyRecord,
  type StoredCredential,
  type CredentialSource,
  type ExchangeRecord,
  type ExchangeRecordStatus,
  type ApprovalRecord,
  type ApprovalDecision,
  type StatusCheckRecord,
  type RenderTemplateRecord,
} from './schema';
export { type KeysRepository } from './keys';
export {
  credentialRecordId,
  type CredentialsRepository,
  type PutCredentialInput,
  type PutCredentialResult,
} from './credentials';
export {
  FINISHED_STATUSES,
  type ExchangesRepository,
  type NewExchange,
  type ExchangePatch,
} from './exchanges';
export { type MessagesRepository, type AppendResult } from './messages';
export { type ApprovalsRepository, type NewApproval } from './approvals';
export { type StatusChecksRepository, type RenderTemplatesRepository } from './caches';
