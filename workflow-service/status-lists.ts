// Revocation and suspension for what the service issues (W3C Bitstring Status List). Every
// issued credential gets one index, shared by the brand's two lists (revocation, suspension),
// and a BitstringStatusListEntry per list. The lists are served as BitstringStatusListCredentials
// signed by the brand key; the bits live behind `StatusStore` (the SQL store, sql-store.ts, which
// also keeps each signed list with the version of the bits it shows, for every instance to serve).
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import { issueCredential, type WalletKey } from '../utils/crypto';
import { HttpError, notFound, validationError } from './errors';

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];
/** 131,072 bits (16 KB): the Bitstring Status List minimum, for herd privacy. */
export const LIST_LENGTH = 131072;

export interface IssuedStatus {
  index: number;
  exchangeId?: string;
  issuedAt: string;
  revoked: boolean;
  suspended: boolean;
}

/** Where the bits are kept. */
export interface StatusStore {
  /** Reserves an unused index for a credential id (the same one again if it already has one). */
  allocate(options: { credentialId: string; exchangeId?: string }): Promise<IssuedStatus>;
  getStatus(options: { credentialId: string }): Promise<IssuedStatus | undefined>;
  set(options: { credentialId: string; purpose: StatusPurpose; value: boolean }): Promise<IssuedStatus>;
  /** The indices whose bit is set in a list. */
  setIndices(options: { purpose: StatusPurpose }): Promise<number[]>;
  /** The list's version (bumped by every change of its bits) and the signed credential kept for it, if current. */
  signedList?(options: { purpose: StatusPurpose }): Promise<{ version: number; credential?: Record<string, unknown> }>;
  saveSignedList?(options: { purpose: StatusPurpose; version: number; credential: Record<string, unknown> }): Promise<void>;
}

export interface StatusLists {
  listUrl(purpose: StatusPurpose): string;
  /**
   * The credential with its credentialStatus entries (an index is reserved for its id, by
   * `allocate` when given: a participation's, whose write records it with the exchange).
   */
  attach(options: { credential: Record<string, unknown>; exchangeId?: string; allocate?: StatusStore['allocate'] }): Promise<Record<string, unknown>>;
  /** The signed status list credential for a purpose (re-signed only after a change). */
  listCredential(options: { purpose: string }): Promise<Record<string, unknown>>;
  /** Revoke (for good) or suspend / lift a suspension. */
  setStatus(options: { credentialId: unknown; purpose: unknown; status: unknown }): Promise<{ credentialId: string; statusPurpose: StatusPurpose; status: boolean }>;
}

export function createStatusLists({ baseUrl, brandKey, store }: { baseUrl: () => string; brandKey: () => WalletKey; store: StatusStore }): StatusLists {
  const signed = new Map<StatusPurpose, Promise<Record<string, unknown>>>();
  const listUrl = (purpose: StatusPurpose) => `${baseUrl()}/status-lists/${purpose}`;
  const isPurpose = (p: unknown): p is StatusPurpose => STATUS_PURPOSES.includes(p as StatusPurpose);

  async function sign(purpose: StatusPurpose) {
    const list = await createList({ length: LIST_LENGTH });
    for (const index of await store.setIndices({ purpose })) list.setStatus(index, true);
    const credential = await createCredential({ id: listUrl(purpose), list, statusPurpose: purpose });
    return issueCredential({
      credential: { ...credential, issuer: brandKey().did, validFrom: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
      key: brandKey(),
    });
  }

  return {
    listUrl,
    async attach({ credential, exchangeId, allocate = (o) => store.allocate(o) }) {
      const credentialId = credential.id;
      if (typeof credentialId !== 'string' || !credentialId) {
        throw new Error('A credential issued with a status needs an "id" (revocation names it).');
      }
      const { index } = await allocate({ credentialId, ...(exchangeId ? { exchangeId } : {}) });
      return {
        ...credential,
        credentialStatus: STATUS_PURPOSES.map((purpose) => ({
          id: `${listUrl(purpose)}#${index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: purpose,
          statusListIndex: String(index),
          statusListCredential: listUrl(purpose),
        })),
      };
    },
    async listCredential({ purpose }) {
      if (!isPurpose(purpose)) throw notFound('Status list not found.');
      if (store.signedList && store.saveSignedList) {
        // shared by every instance: signed again only when the bits changed since the kept one
        const { version, credential } = await store.signedList({ purpose });
        if (credential) return credential;
        const fresh = await sign(purpose);
        await store.saveSignedList({ purpose, version, credential: fresh });
        return fresh;
      }
      let found = signed.get(purpose);
      if (!found) {
        found = sign(purpose);
        signed.set(purpose, found);
        found.catch(() => signed.delete(purpose));
      }
      return found;
    },
    async setStatus({ credentialId, purpose, status }) {
      if (typeof credentialId !== 'string' || !credentialId || credentialId.length > 500) {
        throw validationError('"credentialId" must be the id of an issued credential.');
      }
      if (!isPurpose(purpose)) throw validationError('"credentialStatus.statusPurpose" must be "revocation" or "suspension".');
      if (typeof status !== 'boolean') throw validationError('"status" must be true or false.');
      const current = await store.getStatus({ credentialId });
      if (!current) throw notFound(`No credential ${credentialId.slice(0, 200)} was issued with a status.`);
      if (purpose === 'revocation' && current.revoked && !status) {
        throw new HttpError({ name: 'NotAllowedError', status: 409, message: 'A revoked credential stays revoked.' });
      }
      await store.set({ credentialId, purpose, value: status });
      signed.delete(purpose);
      return { credentialId, statusPurpose: purpose, status };
    },
  };
}
