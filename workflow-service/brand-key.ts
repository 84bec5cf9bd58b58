// The brand's signing key and the service's bearer token: configuration that every instance on
// one database must share (an instance that made its own would sign with another issuer, or
// refuse the coordinator's token). Given by the operator (a key file / JSON, a token), or — for
// the zero-setup single instance on PGlite — made once and kept in the data directory
// (`brand-key.json`, `service-token`, mode 0600), so restarts keep the same issuer and token.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes, webcrypto } from 'node:crypto';
import { createSigner, generateDidKey, keyCurveOf, keyFromJson, keyToJson, type WalletKey } from '../utils/crypto';
import { base58btcDecode } from '../utils/crypto/base58';
import { atomicWriteJson } from './store';
import { namedError } from '../utils/errors';

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** The key kept in `${dataDir}/brand-key.json`, made on first use. */
export async function loadBrandKey({ dataDir }: { dataDir: string }): Promise<WalletKey> {
  const path = join(dataDir, 'brand-key.json');
  const text = await readIfThere(path);
  if (text !== undefined) return keyFromJson({ json: JSON.parse(text) });
  const key = await generateDidKey({ extractable: true });
  await atomicWriteJson({ path, value: keyToJson({ key }) });
  return key;
}

/** A configured key: the JSON `keyToJson` writes (as text, or read from a file). */
export async function brandKeyFrom({ json, file }: { json?: string; file?: string }): Promise<WalletKey> {
  const text = json ?? (file ? await readIfThere(file) : undefined);
  if (text === undefined) throw namedError({ name: 'NotFoundError', message: `The brand key file ${file} does not exist.` });
  try {
    return await keyFromJson({ json: JSON.parse(text) });
  } catch (cause) {
    throw namedError({ name: 'DataError', message: `The brand key${file ? ` in ${file}` : ''} is not a key this service wrote (keyToJson): ${(cause as Error).message}`, cause });
  }
}

/** PKCS#8 DER of an Ed25519 private key is this prefix and the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/**
 * The brand key with its Ed25519 secret imported once as a (non-extractable) WebCrypto key, so
 * createSigner signs with it: from the multibase secret, the multikey library makes a new
 * KeyObject from DER for every signature (~0.8 ms of CPU per issued credential, ten times the
 * signature itself). `secretKeyMultibase` stays (keyToJson). P-256 keys are returned as they are.
 */
export async function withSigningKey(key: WalletKey): Promise<WalletKey> {
  if (key.privateKey || typeof key.secretKeyMultibase !== 'string' || keyCurveOf({ key }) !== 'Ed25519') return key;
  const secret = base58btcDecode({ text: key.secretKeyMultibase.slice(1) });
  // multicodec ed25519-priv (0x1300, varint 0x80 0x26), then seed ‖ public key
  if (secret.length !== 66 || secret[0] !== 0x80 || secret[1] !== 0x26) return key;
  const der = new Uint8Array(ED25519_PKCS8_PREFIX.length + 32);
  der.set(ED25519_PKCS8_PREFIX);
  der.set(secret.subarray(2, 34), ED25519_PKCS8_PREFIX.length);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  const imported: WalletKey = { ...key, privateKey: privateKey as CryptoKey };
  // Ed25519 signatures are deterministic: the imported key must sign exactly as the multikey does
  const probe = new Uint8Array([1, 2, 3]);
  const [viaImport, viaMultikey] = await Promise.all([imported, key].map(async (k) => (await createSigner({ key: k })).sign({ data: probe })));
  if (Buffer.compare(Buffer.from(viaImport), Buffer.from(viaMultikey)) !== 0) {
    throw namedError({ name: 'DataError', message: 'The brand key\'s secret did not import as the same key.' });
  }
  return imported;
}

/** The token kept in `${dataDir}/service-token`, made on first use. */
export async function loadToken({ dataDir }: { dataDir: string }): Promise<string> {
  const path = join(dataDir, 'service-token');
  const text = (await readIfThere(path))?.trim();
  if (text) return text;
  const token = randomBytes(24).toString('base64url');
  await atomicWriteJson({ path, value: token, raw: true });
  return token;
}
