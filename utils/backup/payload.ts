// What a wallet backup holds, once decrypted: the holder keys (private halves wrapped under the
// backup's key-wrapping key), the stored credentials, the settings and, when asked for, the
// exchange history with its transcripts. Pure: the background fills and reads it (utils/wallet/backup).
import { namedError } from '../errors';
import type { WrappedPrivateKey } from './format';

export const PAYLOAD_KIND = 'vcalm-wallet';

export interface BackupKey {
  did: string;
  verificationMethod: string;
  publicKeyMultibase: string;
  createdAt: string;
  /** A WebCrypto key, wrapped (the usual case). */
  privateKey?: WrappedPrivateKey;
  /** A multibase key (platforms without WebCrypto Ed25519); inside the encrypted payload only. */
  secretKeyMultibase?: string;
}

export interface BackupCredential {
  credential: Record<string, unknown>;
  /** The verification result saved when it was stored (null: stored unverified). */
  verification: Record<string, unknown> | null;
  addedAt: string;
  source: { kind: 'exchange' | 'chapi' | 'import'; exchangeId?: string; origin?: string };
}

export interface BackupPayload {
  kind: typeof PAYLOAD_KIND;
  keys: BackupKey[];
  credentials: BackupCredential[];
  /** The wallet's settings (none are user-editable yet: an empty object, kept for later versions). */
  settings: Record<string, unknown>;
  /**
   * DIDs whose keys stayed in their browser: keys made before backups existed are non-extractable
   * CryptoKeys that WebCrypto will not wrap. Their credentials are in the backup; proving they are
   * yours (holder binding) needs that browser. Absent when every key is in `keys`.
   */
  keysLeftBehind?: string[];
  /** Exchange records and their transcript messages, when the backup includes history. */
  history?: { exchanges: Record<string, unknown>[]; messages: Record<string, unknown>[] };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function bad(message: string): Error {
  return namedError({ name: 'DataError', message: `The backup's contents are not valid: ${message}` });
}

function str(value: unknown, path: string): string {
  if (typeof value !== 'string' || !value) throw bad(`"${path}" must be a non-empty string.`);
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw bad(`"${path}" must be an array.`);
  return value;
}

/** Checks the decrypted payload's shape (DataError naming the field), before anything is written. */
export function parseBackupPayload({ payload }: { payload: unknown }): BackupPayload {
  if (!isObject(payload) || payload.kind !== PAYLOAD_KIND) throw bad(`"kind" must be "${PAYLOAD_KIND}".`);
  const keys = list(payload.keys, 'keys').map((k, i): BackupKey => {
    if (!isObject(k)) throw bad(`"keys[${i}]" must be an object.`);
    const did = str(k.did, `keys[${i}].did`);
    const publicKeyMultibase = str(k.publicKeyMultibase, `keys[${i}].publicKeyMultibase`);
    if (did !== `did:key:${publicKeyMultibase}`) throw bad(`"keys[${i}].did" does not match its public key.`);
    const verificationMethod = str(k.verificationMethod, `keys[${i}].verificationMethod`);
    if (verificationMethod !== `${did}#${publicKeyMultibase}`) throw bad(`"keys[${i}].verificationMethod" is not the key's own.`);
    const createdAt = str(k.createdAt, `keys[${i}].createdAt`);
    if (k.privateKey === undefined && typeof k.secretKeyMultibase !== 'string') {
      throw bad(`"keys[${i}]" has no private key.`);
    }
    return {
      did, verificationMethod, publicKeyMultibase, createdAt,
      ...(k.privateKey !== undefined ? { privateKey: k.privateKey as WrappedPrivateKey } : {}),
      ...(typeof k.secretKeyMultibase === 'string' ? { secretKeyMultibase: k.secretKeyMultibase } : {}),
    };
  });
  const keysLeftBehind = payload.keysLeftBehind === undefined ? undefined
    : list(payload.keysLeftBehind, 'keysLeftBehind').map((d, i) => {
      const did = str(d, `keysLeftBehind[${i}]`);
      if (!did.startsWith('did:key:')) throw bad(`"keysLeftBehind[${i}]" must be a did:key.`);
      return did;
    });
  if (!keys.length && !keysLeftBehind?.length) throw bad('it holds no key.');
  const credentials = list(payload.credentials, 'credentials').map((c, i): BackupCredential => {
    if (!isObject(c) || !isObject(c.credential)) throw bad(`"credentials[${i}].credential" must be an object.`);
    if (c.verification !== null && !isObject(c.verification)) throw bad(`"credentials[${i}].verification" must be an object or null.`);
    const source = c.source;
    if (!isObject(source) || !['exchange', 'chapi', 'import'].includes(source.kind as string)) {
      throw bad(`"credentials[${i}].source.kind" is not a source this wallet knows.`);
    }
    return {
      credential: c.credential,
      verification: c.verification as BackupCredential['verification'],
      addedAt: str(c.addedAt, `credentials[${i}].addedAt`),
      source: source as BackupCredential['source'],
    };
  });
  if (payload.settings !== undefined && !isObject(payload.settings)) throw bad('"settings" must be an object.');
  let history: BackupPayload['history'];
  if (payload.history !== undefined) {
    if (!isObject(payload.history)) throw bad('"history" must be an object.');
    const exchanges = list(payload.history.exchanges, 'history.exchanges');
    const messages = list(payload.history.messages, 'history.messages');
    exchanges.forEach((e, i) => {
      if (!isObject(e) || typeof e.id !== 'string' || typeof e.createdAt !== 'string') throw bad(`"history.exchanges[${i}]" is not an exchange record.`);
    });
    messages.forEach((m, i) => {
      if (!isObject(m) || typeof m.exchangeId !== 'string' || !Number.isInteger(m.seq)) throw bad(`"history.messages[${i}]" is not a transcript message.`);
    });
    history = { exchanges: exchanges as Record<string, unknown>[], messages: messages as Record<string, unknown>[] };
  }
  return { kind: PAYLOAD_KIND, keys, credentials, ...(keysLeftBehind?.length ? { keysLeftBehind } : {}), settings: (payload.settings as Record<string, unknown>) ?? {}, ...(history ? { history } : {}) };
}
