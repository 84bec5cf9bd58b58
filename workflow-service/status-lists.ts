// Revocation and suspension for what the service issues (W3C Bitstring Status List). Every
// issued credential gets one index, shared by the brand's two lists (revocation, suspension),
// and a BitstringStatusListEntry per list. The lists are served as BitstringStatusListCredentials
// signed by the brand key; the bits live behind `StatusStore` (a JSON file here; another store
// can take its place without touching the routes or the engine).
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import { issueCredential, type WalletKey } from '../utils/crypto';
import { HttpError, notFound, validationError } from './errors';
import { atomicWriteJson } from './store';

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
  get(options: { credentialId: string }): Promise<IssuedStatus | undefined>;
  set(options: { credentialId: string; purpose: StatusPurpose; value: boolean }): Promise<IssuedStatus>;
  /** The indices whose bit is set in a list. */
  setIndices(options: { purpose: StatusPurpose }): Promise<number[]>;
}

interface FileState {
  issued: Record<string, IssuedStatus>;
}

/** One JSON file (`status-lists.json` in the data dir), written atomically, one change at a time. */
export function createFileStatusStore({ dataDir }: { dataDir: string }): StatusStore {
  const path = join(dataDir, 'status-lists.json');
  let state: Promise<FileState> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const load = () =>
    (state ??= readFile(path, 'utf8').then(
      (text) => JSON.parse(text) as FileState,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return { issued: {} } as FileState;
        throw error;
      },
    ));
  const change = <T>(task: (s: FileState) => T): Promise<T> => {
    const run = chain.then(async () => {
      const s = await load();
      const result = task(s);
      await atomicWriteJson({ path, value: s });
      return result;
    });
    chain = run.catch(() => undefined); // the caller sees `run`'s failure; the chain only orders
    return run;
  };
  return {
    allocate: ({ credentialId, exchangeId }) =>
      change((s) => {
        const existing = s.issued[credentialId];
        if (existing) return existing;
        const used = new Set(Object.values(s.issued).map((i) => i.index));
        if (used.size >= LIST_LENGTH) throw new Error('The status lists are full.');
        // a random free index: neighbours in the list say nothing about issuance order
        let index = randomInt(LIST_LENGTH);
        while (used.has(index)) index = (index + 1) % LIST_LENGTH;
        const issued = { index, ...(exchangeId ? { exchangeId } : {}), issuedAt: new Date().toISOString(), revoked: false, suspended: false };
        s.issued[credentialId] = issued;
        return issued;
      }),
    get: async ({ credentialId }) => (await load()).issued[credentialId],
    set: ({ credentialId, purpose, value }) =>
      change((s) => {
        const issued = s.issued[credentialId];
        if (!issued) throw notFound(`No credential ${credentialId.slice(0, 200)} was issued with a status.`);
        if (purpose === 'revocation') issued.revoked = value;
        else issued.suspended = value;
        return issued;
      }),
    setIndices: async ({ purpose }) =>
      Object.values((await load()).issued)
        .filter((i) => (purpose === 'revocation' ? i.revoked : i.suspended))
        .map((i) => i.index),
  };
}

export interface StatusLists {
  listUrl(purpose: StatusPurpose): string;
  /** The credential with its credentialStatus entries (an index is reserved for its id). */
  attach(options: { credential: Record<string, unknown>; exchangeId?: string }): Promise<Record<string, unknown>>;
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
    async attach({ credential, exchangeId }) {
      const credentialId = credential.id;
      if (typeof credentialId !== 'string' || !credentialId) {
        throw new Error('A credential issued with a status needs an "id" (revocation names it).');
      }
      const { index } = await store.allocate({ credentialId, ...(exchangeId ? { exchangeId } : {}) });
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
      const current = await store.get({ credentialId });
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
