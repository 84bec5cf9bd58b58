// credentialStatus: is this credential still good? BitstringStatusListEntry (revocation,
// suspension) through @digitalbazaar/vc-bitstring-status-list, StatusList2021Entry through
// @digitalbazaar/vc-status-list. The status list credential is verified here with the wallet's
// own verifyCredential (every proof, the issuer controls the key, validity dates) and the
// libraries are then asked with verification turned off, so both list types are held to the
// same checks. Never throws for a bad credential or an unreachable list: the answer says
// "unknown" and why — never "valid" when nothing was checked.
import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import * as statusList2021 from '@digitalbazaar/vc-status-list';
import { type DocumentLoader, documentLoader as defaultLoader } from './document-loader';
import { summarizeError, type ErrorSummary } from './errors';
import { toDate } from './validity';
import { verifyCredential } from './verify-credential';

/** none: the credential names no status; valid: checked and no revocation or suspension bit set. */
export type StatusState = 'none' | 'valid' | 'revoked' | 'suspended' | 'unknown';

export interface StatusEntryResult {
  type: string;
  purpose?: string;
  statusListCredential?: string;
  index?: number;
  /** The bit at the index, when it was read. */
  set?: boolean;
  error?: ErrorSummary;
}

export interface CredentialStatusResult {
  state: StatusState;
  checkedAt: string;
  entries: StatusEntryResult[];
}

/** Loads (fetches) a status list credential: the parsed JSON body, or throws a named error. */
export type LoadStatusList = (options: { url: string }) => Promise<unknown>;

const MAX_ENTRIES = 8;
const LIBRARIES = {
  BitstringStatusListEntry: { lib: bitstringStatusList, listType: 'BitstringStatusListCredential' },
  StatusList2021Entry: { lib: statusList2021, listType: 'StatusList2021Credential' },
} as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The credential's status entries (an object or an array). */
export function statusEntries({ credential }: { credential: unknown }): Json[] {
  const status = isObject(credential) ? credential.credentialStatus : undefined;
  const list = Array.isArray(status) ? status : status === undefined ? [] : [status];
  return list.filter(isObject);
}

export async function checkCredentialStatus({
  credential,
  loadStatusList,
  now,
  documentLoader = defaultLoader,
}: {
  credential: unknown;
  loadStatusList: LoadStatusList;
  now?: Date | string | number;
  documentLoader?: DocumentLoader;
}): Promise<CredentialStatusResult> {
  if (typeof loadStatusList !== 'function') throw new TypeError('"loadStatusList" must be a function.');
  const at = toDate({ now });
  const checkedAt = at.toISOString();
  const raw = isObject(credential) ? credential.credentialStatus : undefined;
  if (raw === undefined) return { state: 'none', checkedAt, entries: [] };
  const entries = statusEntries({ credential });
  if (!entries.length) {
    return { state: 'unknown', checkedAt, entries: [{ type: 'unknown', error: { name: 'DataError', message: '"credentialStatus" must be an object or a list of objects.' } }] };
  }
  // one fetch and one verification per list URL, however many entries point at it
  const lists = new Map<string, Promise<Json>>();
  const verifiedList = (url: string) => {
    let found = lists.get(url);
    if (!found) {
      found = loadAndVerifyList({ url, loadStatusList, now: at, documentLoader });
      lists.set(url, found);
    }
    return found;
  };
  const results = await Promise.all(
    entries.slice(0, MAX_ENTRIES).map((entry) => checkEntry({ credential: credential as Json, entry, verifiedList })),
  );
  if (entries.length > MAX_ENTRIES) {
    results.push({ type: 'unknown', error: { name: 'DataError', message: `Only the first ${MAX_ENTRIES} status entries were checked.` } });
  }
  return { state: combine(results), checkedAt, entries: results };
}

function combine(results: StatusEntryResult[]): StatusState {
  if (results.some((r) => r.set && r.purpose === 'revocation')) return 'revoked';
  if (results.some((r) => r.set && r.purpose === 'suspension')) return 'suspended';
  if (results.some((r) => r.error)) return 'unknown';
  return 'valid';
}

async function loadAndVerifyList({ url, loadStatusList, now, documentLoader }: {
  url: string;
  loadStatusList: LoadStatusList;
  now: Date;
  documentLoader: DocumentLoader;
}): Promise<Json> {
  const list = await loadStatusList({ url });
  if (!isObject(list)) throw Object.assign(new Error(`The status list at ${url} is not a JSON object.`), { name: 'DataError' });
  const verification = await verifyCredential({ credential: list, now, documentLoader });
  if (!verification.verified) {
    const reasons = verification.errors.map((e) => e.message).join(' ') || 'verification failed.';
    throw Object.assign(new Error(`The status list credential at ${url} does not verify: ${reasons}`), { name: 'DataError' });
  }
  return list;
}

async function checkEntry({ credential, entry, verifiedList }: {
  credential: Json;
  entry: Json;
  verifiedList: (url: string) => Promise<Json>;
}): Promise<StatusEntryResult> {
  const type = typeof entry.type === 'string' ? entry.type : String(entry.type);
  const result: StatusEntryResult = {
    type,
    ...(typeof entry.statusPurpose === 'string' ? { purpose: entry.statusPurpose } : {}),
    ...(typeof entry.statusListCredential === 'string' ? { statusListCredential: entry.statusListCredential } : {}),
  };
  const index = Number.parseInt(String(entry.statusListIndex), 10);
  if (Number.isInteger(index)) result.index = index;
  const known = LIBRARIES[type as keyof typeof LIBRARIES];
  if (!known) {
    result.error = { name: 'NotSupportedError', message: `The status type "${type.slice(0, 80)}" is not supported.` };
    return result;
  }
  if (!result.statusListCredential) {
    result.error = { name: 'DataError', message: 'The status entry names no statusListCredential.' };
    return result;
  }
  let list: Json;
  try {
    list = await verifiedList(result.statusListCredential);
  } catch (error) {
    result.error = summarizeError({ error, fallbackName: 'NetworkError' });
    return result;
  }
  try {
    // the list was verified above; the library reads the bit (and checks purpose, list type and
    // that the list's issuer is the credential's issuer)
    const single = { ...credential, credentialStatus: entry };
    const answer = await known.lib.checkStatus({
      credential: single,
      documentLoader: async (url: string) => {
        if (url !== result.statusListCredential) throw new Error(`Unexpected document ${url}.`);
        return { contextUrl: null, documentUrl: url, document: structuredClone(list) };
      },
      verifyBitstringStatusListCredential: false,
      verifyStatusListCredential: false,
      verifyMatchingIssuers: true,
    });
    if (answer.error) throw answer.error;
    const first = answer.results?.[0];
    if (!first) throw new Error('The status library returned no result.');
    // Bitstring: {verified: true, status}; StatusList2021: {verified: !bit}
    result.set = type === 'BitstringStatusListEntry' ? first.status === true || first.status === 1 : first.verified === false;
  } catch (error) {
    result.error = summarizeError({ error, fallbackName: 'DataError' });
  }
  return result;
}
