import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CredentialStatusResult, CredentialVerification, WalletKey } from '../crypto';
import type { ExchangeState, TranscriptMessage } from '../vcalm';
import { migrateCredentialIds } from './migrate-credential-ids';

/** The wallet's own key(s). The primary key is the oldest one. */
export interface KeyRecord {
  did: string;
  /** May hold a non-extractable CryptoKey (stored by structured clone, never exported). */
  key: WalletKey;
  createdAt: string;
}

/** Where a stored credential came from. */
export interface CredentialSource {
  kind: 'exchange' | 'chapi' | 'import';
  exchangeId?: string;
  /** Origin of the issuer / page that offered it. */
  origin?: string;
}

export interface StoredCredential {
  /** Record id: a digest of issuer + `id`, or of the whole credential (see credential-id.ts). */
  id: string;
  credential: Record<string, unknown>;
  /** The verification result at the time it was stored (null: stored unverified, e.g. imported). */
  verification: CredentialVerification | null;
  addedAt: string;
  source: CredentialSource;
  /** Derived from the credential for the indexes: its `type` values and issuer id. */
  types: string[];
  issuer?: string;
}

/** Record-level status of an exchange; the step machines' statuses (utils/vcalm; OID4VCI adds 'pin'). */
export type ExchangeRecordStatus = ExchangeState['status'] | 'pin';

/** What every protocol engine's state has (utils/wallet/protocol-engine.ts). */
export interface EngineStateBase {
  id: string;
  status: ExchangeRecordStatus;
}

export interface ExchangeRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: ExchangeRecordStatus;
  /** The step machine state (utils/vcalm ExchangeState, utils/oid4vci Oid4vciState, …), replaced whole on every step. */
  state?: EngineStateBase;
  /** Where the wallet is talking (exchange / interaction URL origin). */
  origin?: string;
  /** The page that started it, when a page did. */
  pageOrigin?: string;
  interactionUrl?: string;
  /** Short label for the history list. */
  title?: string;
  error?: { name: string; message: string };
}

export interface ApprovalDecision {
  approved: boolean;
  decidedAt: string;
  /** Credentials the user chose to present / accept. */
  credentialIds?: string[];
  /** tx-code: the transaction code (PIN) the user typed for an OID4VCI offer. */
  txCode?: string;
}

/** A question waiting for the user; survives the popup closing and the worker restarting. */
export interface ApprovalRecord {
  id: string;
  kind: 'presentation' | 'credentials' | 'tx-code' | 'chapi-get' | 'chapi-store';
  exchangeId?: string;
  chapiRequestId?: string;
  /** Who asks (shown to the user). */
  origin: string;
  pageOrigin?: string;
  createdAt: string;
  /** What the approval screen needs (match result, offered credentials …). */
  payload: unknown;
  decision?: ApprovalDecision;
}

/** The last status check of a stored credential (utils/crypto checkCredentialStatus), kept with its time. */
export interface StatusCheckRecord {
  credentialId: string;
  result: CredentialStatusResult;
}

/** A fetched render template, cached by URL (only after its digest, when given, matched). */
export interface RenderTemplateRecord {
  url: string;
  body: string;
  mediaType: string;
  fetchedAt: string;
}

export interface WalletSchema extends DBSchema {
  keys: { key: string; value: KeyRecord; indexes: { 'by-createdAt': string } };
  credentials: {
    key: string;
    value: StoredCredential;
    indexes: { 'by-addedAt': string; 'by-type': string; 'by-issuer': string };
  };
  exchanges: {
    key: string;
    value: ExchangeRecord;
    indexes: { 'by-createdAt': string; 'by-status': string };
  };
  messages: { key: [string, number]; value: TranscriptMessage };
  approvals: {
    key: string;
    value: ApprovalRecord;
    indexes: { 'by-createdAt': string; 'by-exchangeId': string };
  };
  statusChecks: { key: string; value: StatusCheckRecord };
  renderTemplates: { key: string; value: RenderTemplateRecord };
}

export type WalletIdb = IDBPDatabase<WalletSchema>;
type UpgradeTx = IDBPTransaction<WalletSchema, StoreNames<WalletSchema>[], 'versionchange'>;

/**
 * Migrations, one per version, applied in order from the stored version. Never
 * edit a shipped migration; add the next one (and bump DB_VERSION by adding it).
 */
export const MIGRATIONS: ((db: WalletIdb, tx: UpgradeTx) => void)[] = [
  // v1: the initial stores.
  (db) => {
    db.createObjectStore('keys', { keyPath: 'did' }).createIndex('by-createdAt', 'createdAt');
    const credentials = db.createObjectStore('credentials', { keyPath: 'id' });
    credentials.createIndex('by-addedAt', 'addedAt');
    credentials.createIndex('by-type', 'types', { multiEntry: true });
    credentials.createIndex('by-issuer', 'issuer');
    const exchanges = db.createObjectStore('exchanges', { keyPath: 'id' });
    exchanges.createIndex('by-createdAt', 'createdAt');
    exchanges.createIndex('by-status', 'status');
    db.createObjectStore('messages', { keyPath: ['exchangeId', 'seq'] });
    const approvals = db.createObjectStore('approvals', { keyPath: 'id' });
    approvals.createIndex('by-createdAt', 'createdAt');
    approvals.createIndex('by-exchangeId', 'exchangeId');
  },
  // v2: credential status checks and render templates, cached with their time.
  (db) => {
    db.createObjectStore('statusChecks', { keyPath: 'credentialId' });
    db.createObjectStore('renderTemplates', { keyPath: 'url' });
  },
  // v3: credentials keyed by issuer + id (a second issuer may reuse an id); re-key stored ones.
  (_db, tx) => {
    migrateCredentialIds(tx).catch((error) => {
      console.error('[wallet db] re-keying credentials failed; the upgrade is undone', error);
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
    });
  },
];

export const DB_VERSION = MIGRATIONS.length;
export const DEFAULT_DB_NAME = 'vcalm-wallet';
