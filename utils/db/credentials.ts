import type { CredentialVerification } from '../crypto';
import { canonicalJson, dbError, isPlainObject, requireString } from './errors';
import type { CredentialSource, StoredCredential, WalletIdb } from './schema';
import { monotonicClock, type Clock } from './clock';

export interface PutCredentialInput {
  id: string;
  credential: Record<string, unknown>;
  verification: CredentialVerification | null;
  source: CredentialSource;
  addedAt?: string;
}

/**
 * 'added': a new record. 'unchanged': the same credential (same JSON) was
 * already stored; the first record (and its addedAt) is kept, its verification
 * refreshed. A DIFFERENT credential under an existing id is never overwritten:
 * put() throws ConstraintError (use replace() to overwrite on purpose).
 */
export type PutCredentialResult = { status: 'added' | 'unchanged'; record: StoredCredential };

export interface CredentialsRepository {
  put(input: PutCredentialInput): Promise<PutCredentialResult>;
  /** Stores several in one transaction: all or nothing (a conflicting one aborts the rest). */
  putMany(options: { items: PutCredentialInput[] }): Promise<PutCredentialResult[]>;
  /** Overwrites on purpose (e.g. the user accepted a re-issued credential). */
  replace(input: PutCredentialInput): Promise<StoredCredential>;
  get(options: { id: string }): Promise<StoredCredential | undefined>;
  /** Newest first (addedAt, then id). */
  list(): Promise<StoredCredential[]>;
  listByType(options: { type: string }): Promise<StoredCredential[]>;
  listByIssuer(options: { issuer: string }): Promise<StoredCredential[]>;
  /** true when something was deleted. */
  delete(options: { id: string }): Promise<boolean>;
}

/** The record id for a credential: its `id`, or a sha-256 of its canonical JSON. */
export async function credentialRecordId({ credential }: { credential: unknown }): Promise<string> {
  if (!isPlainObject(credential)) throw new TypeError('"credential" must be an object.');
  if (typeof credential.id === 'string' && credential.id) return credential.id;
  const bytes = new TextEncoder().encode(canonicalJson(credential));
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return `urn:sha256:${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function toRecord(input: PutCredentialInput, now: Clock): StoredCredential {
  if (!isPlainObject(input)) throw new TypeError('"input" must be an object.');
  const id = requireString(input.id, 'id');
  if (!isPlainObject(input.credential)) throw new TypeError('"credential" must be an object.');
  if (input.verification !== null && !isPlainObject(input.verification)) {
    throw new TypeError('"verification" must be a verification result or null.');
  }
  if (!isPlainObject(input.source) || typeof input.source.kind !== 'string') {
    throw new TypeError('"source" must be {kind, exchangeId?, origin?}.');
  }
  const addedAt = input.addedAt ?? now();
  if (Number.isNaN(Date.parse(addedAt))) throw new TypeError('"addedAt" must be an ISO date.');
  const { credential } = input;
  const type = credential.type;
  const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
  const issuer = typeof credential.issuer === 'string'
    ? credential.issuer
    : isPlainObject(credential.issuer) && typeof credential.issuer.id === 'string'
      ? credential.issuer.id
      : undefined;
  return {
    id,
    credential,
    verification: input.verification,
    addedAt,
    source: input.source,
    types: [...new Set(types)],
    ...(issuer ? { issuer } : {}),
  };
}

const newestFirst = (a: StoredCredential, b: StoredCredential) =>
  b.addedAt.localeCompare(a.addedAt) || a.id.localeCompare(b.id);

export function createCredentialsRepository({ idb, now = monotonicClock() }: { idb: WalletIdb; now?: Clock }): CredentialsRepository {
  async function putAll(items: PutCredentialInput[]): Promise<PutCredentialResult[]> {
    const records = items.map((item) => toRecord(item, now)); // validate everything before writing anything
    const tx = idb.transaction('credentials', 'readwrite');
    const results: PutCredentialResult[] = [];
    try {
      for (const record of records) {
        const existing = await tx.store.get(record.id);
        if (!existing) {
          await tx.store.add(record);
          results.push({ status: 'added', record });
        } else if (canonicalJson(existing.credential) === canonicalJson(record.credential)) {
          const kept = { ...existing, verification: record.verification ?? existing.verification };
          await tx.store.put(kept);
          results.push({ status: 'unchanged', record: kept });
        } else {
          throw dbError({
            name: 'ConstraintError',
            message: `A different credential with id ${record.id} is already stored; nothing was overwritten.`,
          });
        }
      }
      await tx.done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      await tx.done.catch(() => undefined); // the abort's own error is the one thrown; tx.done only settles
      throw error;
    }
    return results;
  }

  return {
    async put(input) {
      return (await putAll([input]))[0];
    },
    async putMany({ items }) {
      if (!Array.isArray(items)) throw new TypeError('"items" must be an array.');
      return putAll(items);
    },
    async replace(input) {
      const record = toRecord(input, now);
      await idb.put('credentials', record);
      return record;
    },
    async get({ id }) {
      return idb.get('credentials', requireString(id, 'id'));
    },
    async list() {
      return (await idb.getAll('credentials')).sort(newestFirst);
    },
    async listByType({ type }) {
      return (await idb.getAllFromIndex('credentials', 'by-type', requireString(type, 'type'))).sort(newestFirst);
    },
    async listByIssuer({ issuer }) {
      return (await idb.getAllFromIndex('credentials', 'by-issuer', requireString(issuer, 'issuer'))).sort(newestFirst);
    },
    async delete({ id }) {
      requireString(id, 'id');
      const tx = idb.transaction('credentials', 'readwrite');
      const found = (await tx.store.count(id)) > 0;
      if (found) await tx.store.delete(id);
      await tx.done;
      return found;
    },
  };
}
