// The wallet backup file: one JSON text file, its body encrypted under a passphrase.
//
//   { "format": "vcalm-wallet-backup", "version": 1, "createdAt": "…",
//     "kdf":    { "name": "scrypt", "logN": 17, "r": 8, "p": 1, "salt": "<16 bytes>" },
//     "check":  "<16 bytes>",
//     "cipher": { "name": "AES-GCM", "iv": "<12 bytes>" },
//     "ciphertext": "<AES-256-GCM of the payload JSON, with the header above as additional data>" }
//
// Keys: scrypt (memory-hard: 128 MiB at logN 17, r 8 — @noble/hashes, audited, runs in the MV3
// worker) turns the passphrase into 32 bytes; WebCrypto HKDF-SHA-256 splits them into the payload
// key (AES-GCM), the key-wrapping key (AES-GCM, used only by wrapKey/unwrapKey for holder
// keys) and a 16-byte check value. The check tells a wrong passphrase (NotAllowedError) apart
// from a file changed after it was made (DataError: the GCM tag, which also covers the header).
// A file that does not parse is incomplete (DataError); a newer version is NotSupportedError
// before any passphrase work. Every failure happens before anything is returned: callers change
// nothing until openBackup resolves.
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { namedError } from '../errors';
import { fromBase64url, toBase64url } from './base64url';
import { requirePassphraseFloor } from './strength';

export const BACKUP_FORMAT = 'vcalm-wallet-backup';
export const BACKUP_VERSION = 1;
/** scrypt cost: 2^17 × r 8 = 128 MiB, the OWASP minimum for scrypt. */
export const DEFAULT_LOG_N = 17;
/** Files are accepted from 2^15 (32 MiB) to 2^18 (256 MiB, the most a service worker should allocate). */
export const MIN_LOG_N = 15;
export const MAX_LOG_N = 18;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
/** Refuse files larger than this before parsing (a wallet is far smaller). */
export const MAX_BACKUP_CHARS = 64 * 1024 * 1024;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  kdf: { name: 'scrypt'; logN: number; r: number; p: number; salt: string };
  check: string;
  cipher: { name: 'AES-GCM'; iv: string };
}

/** A private key wrapped (AES-GCM) under the backup's key-wrapping key: PKCS #8 inside. */
export interface WrappedPrivateKey {
  format: 'pkcs8';
  /** Ed25519 (the primary holder key) or P-256 (the second holder key, ECDSA). */
  algorithm: 'Ed25519' | 'P-256';
  iv: string;
  wrapped: string;
}

export interface BackupSealer {
  /** Wraps a WebCrypto private key for the payload; its raw bytes never reach JavaScript. */
  wrapPrivateKey(options: { key: CryptoKey }): Promise<WrappedPrivateKey>;
  /** Encrypts the payload (any JSON value) and returns the file's text. */
  seal(options: { payload: unknown }): Promise<string>;
}

export interface OpenedBackup {
  header: BackupHeader;
  payload: unknown;
  /** Unwraps a key wrapped by this backup, as a CryptoKey (wrappable again for the next backup). */
  unwrapPrivateKey(options: { wrapped: unknown }): Promise<CryptoKey>;
}

const subtle = () => globalThis.crypto.subtle;
const text = new TextEncoder();

function damaged(message: string, cause?: unknown) {
  return namedError({ name: 'DataError', message: `The backup file is damaged: ${message}`, cause });
}

interface DerivedKeys {
  payloadKey: CryptoKey;
  wrappingKey: CryptoKey;
  check: Uint8Array;
}

async function deriveKeys({ passphrase, kdf }: { passphrase: string; kdf: BackupHeader['kdf'] }): Promise<DerivedKeys> {
  const salt = fromBase64url({ text: kdf.salt, field: 'kdf.salt' });
  const master = await scryptAsync(text.encode(passphrase.normalize('NFC')), salt, {
    N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, dkLen: 32, maxmem: 2 ** (kdf.logN + 10) * kdf.r,
  });
  const hkdf = await subtle().importKey('raw', master as BufferSource, 'HKDF', false, ['deriveKey', 'deriveBits']);
  master.fill(0);
  const params = (label: string): HkdfParams => ({
    name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: text.encode(`${BACKUP_FORMAT} v${BACKUP_VERSION} ${label}`),
  });
  const aes = { name: 'AES-GCM', length: 256 };
  const [payloadKey, wrappingKey, check] = await Promise.all([
    subtle().deriveKey(params('payload'), hkdf, aes, false, ['encrypt', 'decrypt']),
    subtle().deriveKey(params('key-wrap'), hkdf, aes, false, ['wrapKey', 'unwrapKey']),
    subtle().deriveBits(params('check'), hkdf, 128),
  ]);
  return { payloadKey, wrappingKey, check: new Uint8Array(check) };
}

/** The additional authenticated data: the header as canonical JSON (fixed key order). */
function headerBytes(header: BackupHeader): Uint8Array {
  const { format, version, createdAt, kdf, check, cipher } = header;
  return text.encode(JSON.stringify({
    format, version, createdAt,
    kdf: { name: kdf.name, logN: kdf.logN, r: kdf.r, p: kdf.p, salt: kdf.salt },
    check,
    cipher: { name: cipher.name, iv: cipher.iv },
  }));
}

const random = (length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/**
 * Starts a backup under `passphrase` (the background's passphrase floor applies: ConstraintError).
 * `logN` below MIN_LOG_N or above MAX_LOG_N is a RangeError.
 */
export async function createBackupSealer({ passphrase, logN = DEFAULT_LOG_N, now = new Date() }: {
  passphrase: string;
  logN?: number;
  now?: Date;
}): Promise<BackupSealer> {
  requirePassphraseFloor({ passphrase });
  if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) {
    throw new RangeError(`"logN" must be an integer from ${MIN_LOG_N} to ${MAX_LOG_N}.`);
  }
  const kdf: BackupHeader['kdf'] = { name: 'scrypt', logN, r: SCRYPT_R, p: SCRYPT_P, salt: toBase64url({ bytes: random(16) }) };
  const keys = await deriveKeys({ passphrase, kdf });
  return {
    async wrapPrivateKey({ key }) {
      const p256 = key instanceof CryptoKey && key.algorithm.name === 'ECDSA' && (key.algorithm as EcKeyAlgorithm).namedCurve === 'P-256';
      if (!(key instanceof CryptoKey) || key.type !== 'private' || (key.algorithm.name !== 'Ed25519' && !p256)) {
        throw new TypeError('"key" must be an Ed25519 or ECDSA P-256 private CryptoKey.');
      }
      if (!key.extractable) {
        throw namedError({
          name: 'NotSupportedError',
          message: 'This wallet key was made before backups existed: the browser will not let it leave, so it cannot be backed up.',
        });
      }
      const iv = random(12);
      const wrapped = await subtle().wrapKey('pkcs8', key, keys.wrappingKey, { name: 'AES-GCM', iv });
      return { format: 'pkcs8', algorithm: p256 ? 'P-256' : 'Ed25519', iv: toBase64url({ bytes: iv }), wrapped: toBase64url({ bytes: new Uint8Array(wrapped) }) };
    },
    async seal({ payload }) {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: now.toISOString(),
        kdf,
        check: toBase64url({ bytes: keys.check }),
        cipher: { name: 'AES-GCM', iv: toBase64url({ bytes: random(12) }) },
      };
      const plaintext = text.encode(JSON.stringify(payload));
      const ciphertext = await subtle().encrypt(
        { name: 'AES-GCM', iv: fromBase64url({ text: header.cipher.iv, field: 'cipher.iv' }) as BufferSource, additionalData: headerBytes(header) as BufferSource },
        keys.payloadKey,
        plaintext,
      );
      return `${JSON.stringify({ ...header, ciphertext: toBase64url({ bytes: new Uint8Array(ciphertext) }) }, null, 1)}\n`;
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads the header without the passphrase: DataError for a file that is not a wallet backup or
 * is incomplete, NotSupportedError for a version this wallet does not know.
 */
export function readBackupHeader({ file }: { file: unknown }): BackupHeader & { ciphertext: string } {
  if (typeof file !== 'string') throw new TypeError('"file" must be the backup file\'s text.');
  if (file.length > MAX_BACKUP_CHARS) throw damaged(`it is larger than ${MAX_BACKUP_CHARS} characters.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(file);
  } catch (cause) {
    throw damaged('it is incomplete (cut short, or not a wallet backup at all).', cause);
  }
  if (!isObject(parsed) || parsed.format !== BACKUP_FORMAT) {
    throw namedError({ name: 'DataError', message: 'This file is not a wallet backup.' });
  }
  const { version } = parsed;
  if (!Number.isInteger(version) || (version as number) < 1) throw damaged('"version" is not a version number.');
  if ((version as number) > BACKUP_VERSION) {
    throw namedError({
      name: 'NotSupportedError',
      message: `This backup was made by a newer wallet (format version ${version}); this wallet reads version ${BACKUP_VERSION}. Update the wallet and try again.`,
    });
  }
  const { kdf, cipher, check, createdAt, ciphertext } = parsed;
  if (typeof createdAt !== 'string') throw damaged('"createdAt" is missing.');
  if (!isObject(kdf) || kdf.name !== 'scrypt') throw damaged('"kdf" is not scrypt.');
  if (!Number.isInteger(kdf.logN) || (kdf.logN as number) < MIN_LOG_N || (kdf.logN as number) > MAX_LOG_N) {
    throw damaged(`"kdf.logN" must be from ${MIN_LOG_N} to ${MAX_LOG_N}.`);
  }
  if (kdf.r !== SCRYPT_R || !Number.isInteger(kdf.p) || (kdf.p as number) < 1 || (kdf.p as number) > 4) {
    throw damaged('"kdf" has parameters this wallet does not use.');
  }
  if (fromBase64url({ text: kdf.salt, field: 'kdf.salt' }).length < 16) throw damaged('"kdf.salt" is too short.');
  if (fromBase64url({ text: check, field: 'check' }).length !== 16) throw damaged('"check" is not 16 bytes.');
  if (!isObject(cipher) || cipher.name !== 'AES-GCM' || fromBase64url({ text: cipher.iv, field: 'cipher.iv' }).length !== 12) {
    throw damaged('"cipher" is not AES-GCM with a 12-byte IV.');
  }
  if (typeof ciphertext !== 'string' || fromBase64url({ text: ciphertext, field: 'ciphertext' }).length < 16) {
    throw damaged('it is incomplete (the encrypted part is cut short).');
  }
  return {
    format: BACKUP_FORMAT,
    version: version as number,
    createdAt,
    kdf: { name: 'scrypt', logN: kdf.logN as number, r: SCRYPT_R, p: kdf.p as number, salt: kdf.salt as string },
    check: check as string,
    cipher: { name: 'AES-GCM', iv: cipher.iv as string },
    ciphertext,
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Decrypts a backup file. Named errors: DataError (not a backup, incomplete, changed after it
 * was made), NotSupportedError (newer version), NotAllowedError (wrong passphrase).
 */
export async function openBackup({ file, passphrase }: { file: unknown; passphrase: unknown }): Promise<OpenedBackup> {
  const { ciphertext, ...header } = readBackupHeader({ file });
  if (typeof passphrase !== 'string' || !passphrase) throw new TypeError('"passphrase" must be a non-empty string.');
  const keys = await deriveKeys({ passphrase, kdf: header.kdf });
  if (!equalBytes(keys.check, fromBase64url({ text: header.check, field: 'check' }))) {
    throw namedError({ name: 'NotAllowedError', message: 'The passphrase does not open this backup.' });
  }
  let plaintext: ArrayBuffer;
  try {
    plaintext = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64url({ text: header.cipher.iv, field: 'cipher.iv' }) as BufferSource, additionalData: headerBytes(header) as BufferSource },
      keys.payloadKey,
      fromBase64url({ text: ciphertext, field: 'ciphertext' }) as BufferSource,
    );
  } catch (cause) {
    throw damaged('it was changed after it was made (the encrypted part does not authenticate).', cause);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(plaintext));
  } catch (cause) {
    throw damaged('its contents are not JSON.', cause);
  }
  return {
    header,
    payload,
    async unwrapPrivateKey({ wrapped }) {
      if (!isObject(wrapped) || wrapped.format !== 'pkcs8' || (wrapped.algorithm !== 'Ed25519' && wrapped.algorithm !== 'P-256')) {
        throw damaged('a wrapped key is not an Ed25519 or P-256 PKCS #8 key.');
      }
      const algorithm = wrapped.algorithm === 'P-256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'Ed25519' };
      const iv = fromBase64url({ text: wrapped.iv, field: 'key.iv' });
      const bytes = fromBase64url({ text: wrapped.wrapped, field: 'key.wrapped' });
      try {
        return await subtle().unwrapKey('pkcs8', bytes as BufferSource, keys.wrappingKey, { name: 'AES-GCM', iv: iv as BufferSource }, algorithm, true, ['sign']);
      } catch (cause) {
        throw damaged('a wrapped key does not unwrap.', cause);
      }
    },
  };
}
