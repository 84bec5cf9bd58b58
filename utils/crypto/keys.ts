import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { base58btcDecode, base58btcEncode } from './base58';
import { namedError } from './errors';

/** JSON-storable except `privateKey`, which is a structured-cloneable CryptoKey. */
export interface WalletKey {
  did: string;
  verificationMethod: string;
  publicKeyMultibase: string;
  /** Only for exportable (server / CLI) keys. */
  secretKeyMultibase?: string;
  /** Non-extractable WebCrypto key (wallet): Ed25519, or ECDSA P-256 for the second holder key. */
  privateKey?: CryptoKey;
}

/** The curves a wallet key can be on: Ed25519 (z6Mk…, the primary key) and P-256 (zDna…, ES256 / ecdsa-rdfc-2019). */
export type KeyCurve = 'Ed25519' | 'P-256';

/** Which curve a key is on, read from its multikey prefix. */
export function keyCurveOf({ key }: { key: Pick<WalletKey, 'publicKeyMultibase'> }): KeyCurve {
  return key.publicKeyMultibase.startsWith('zDna') ? 'P-256' : 'Ed25519';
}

/** What the Data Integrity suites call to sign. */
export interface Signer {
  id: string;
  algorithm: KeyCurve;
  sign(options: { data: Uint8Array }): Promise<Uint8Array>;
}

const ED25519_PUB_HEADER = [0xed, 0x01];

/** `z6Mk…` multibase-multikey form of a raw 32-byte Ed25519 public key. */
export function ed25519PublicKeyToMultibase({ publicKey }: { publicKey: Uint8Array }): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new TypeError('"publicKey" must be 32 bytes.');
  }
  return 'z' + base58btcEncode({ bytes: Uint8Array.from([...ED25519_PUB_HEADER, ...publicKey]) });
}

function isEd25519Multibase(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith('z6Mk')) return false;
  try {
    const bytes = base58btcDecode({ text: value.slice(1) });
    return bytes.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01;
  } catch {
    return false;
  }
}

function keyFromPublicMultibase({
  publicKeyMultibase,
}: {
  publicKeyMultibase: string;
}): Pick<WalletKey, 'did' | 'verificationMethod' | 'publicKeyMultibase'> {
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}`, publicKeyMultibase };
}

function webCryptoSubtle(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: Crypto }).crypto?.subtle;
}

async function generateWebCryptoKey({ wrappable }: { wrappable: boolean }): Promise<WalletKey | undefined> {
  const subtle = webCryptoSubtle();
  if (!subtle) return undefined;
  let pair: CryptoKeyPair;
  try {
    pair = (await subtle.generateKey({ name: 'Ed25519' }, wrappable, ['sign', 'verify'])) as CryptoKeyPair;
  } catch {
    return undefined; // no Ed25519 in this WebCrypto; the caller falls back
  }
  // the public half of a key pair is always extractable
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const publicKeyMultibase = ed25519PublicKeyToMultibase({ publicKey: raw });
  return { ...keyFromPublicMultibase({ publicKeyMultibase }), privateKey: pair.privateKey };
}

/** A P-256 key pair in WebCrypto; the public half encoded as a multikey by @digitalbazaar/ecdsa-multikey. */
async function generateWebCryptoP256Key({ wrappable }: { wrappable: boolean }): Promise<WalletKey | undefined> {
  const subtle = webCryptoSubtle();
  if (!subtle) return undefined;
  const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, wrappable, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  const { publicKeyMultibase } = await (await EcdsaMultikey.fromJwk({ jwk })).export({ publicKey: true, includeContext: false });
  return { ...keyFromPublicMultibase({ publicKeyMultibase }), privateKey: pair.privateKey };
}

/**
 * Generates a did:key (Ed25519, or P-256 with `curve: 'P-256'`). `extractable: false` (the default) keeps
 * the private key as a WebCrypto CryptoKey; when the platform has
 * no WebCrypto Ed25519 it falls back to an exportable key (`secretKeyMultibase`).
 * `wrappable: true` (with `extractable: false`) makes that CryptoKey one WebCrypto lets
 * `wrapKey` encrypt — the wallet's backup wraps it under the passphrase-derived key; no code
 * here ever exports it raw. `extractable: true` (servers, CLIs) always returns multibase key material.
 */
export async function generateDidKey({
  extractable = false,
  wrappable = false,
  curve = 'Ed25519',
}: { extractable?: boolean; wrappable?: boolean; curve?: KeyCurve } = {}): Promise<WalletKey> {
  if (typeof extractable !== 'boolean') {
    throw new TypeError('"extractable" must be a boolean.');
  }
  if (typeof wrappable !== 'boolean') {
    throw new TypeError('"wrappable" must be a boolean.');
  }
  if (curve !== 'Ed25519' && curve !== 'P-256') throw new TypeError('"curve" must be "Ed25519" or "P-256".');
  if (curve === 'P-256') {
    if (!extractable) {
      const key = await generateWebCryptoP256Key({ wrappable });
      if (key) return key;
    }
    const pair = await EcdsaMultikey.generate({ curve: 'P-256' });
    const { publicKeyMultibase, secretKeyMultibase } = await pair.export({ publicKey: true, secretKey: true, includeContext: false });
    return { ...keyFromPublicMultibase({ publicKeyMultibase }), secretKeyMultibase };
  }
  if (!extractable) {
    const key = await generateWebCryptoKey({ wrappable });
    if (key) return key;
  }
  const pair = await Ed25519Multikey.generate();
  const { publicKeyMultibase, secretKeyMultibase } = await pair.export({
    publicKey: true,
    secretKey: true,
    includeContext: false,
  });
  return { ...keyFromPublicMultibase({ publicKeyMultibase }), secretKeyMultibase };
}

/** Serializes an exportable key. A key held only as a CryptoKey cannot be exported. */
export function keyToJson({ key }: { key: WalletKey }): {
  type: 'Multikey';
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
} {
  if (!key || typeof key !== 'object') throw new TypeError('"key" must be an object.');
  if (typeof key.secretKeyMultibase !== 'string') {
    throw namedError({
      name: 'NotSupportedError',
      message: 'This key is not exportable (its private key is a non-extractable CryptoKey).',
    });
  }
  return {
    type: 'Multikey',
    id: key.verificationMethod,
    controller: key.did,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  };
}

/**
 * Reads the output of `keyToJson`, or any Multikey JSON with `publicKeyMultibase`
 * and `secretKeyMultibase` (or `privateKeyMultibase`, as the W3C test keys say).
 */
export async function keyFromJson({ json }: { json: unknown }): Promise<WalletKey> {
  const j = (typeof json === 'string' ? safeParse(json) : json) as Record<string, unknown> | undefined;
  if (!j || typeof j !== 'object') throw new TypeError('"json" must be an object.');
  const { publicKeyMultibase } = j;
  // W3C test vectors name it privateKeyMultibase
  const secretKeyMultibase = j.secretKeyMultibase ?? j.privateKeyMultibase;
  const p256 = typeof publicKeyMultibase === 'string' && publicKeyMultibase.startsWith('zDna');
  if (!isEd25519Multibase(publicKeyMultibase) && !p256) {
    throw new TypeError('"json.publicKeyMultibase" must be an Ed25519 (z6Mk…) or P-256 (zDna…) multikey.');
  }
  if (typeof secretKeyMultibase !== 'string' || !secretKeyMultibase.startsWith('z')) {
    throw new TypeError('"json.secretKeyMultibase" must be a multibase string.');
  }
  // let the multikey library check that the two halves belong together
  let pair;
  try {
    pair = p256
      ? await EcdsaMultikey.from({ type: 'Multikey', publicKeyMultibase, secretKeyMultibase })
      : await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase, secretKeyMultibase });
  } catch (cause) {
    throw namedError({ name: 'DataError', message: `The key JSON is not a valid ${p256 ? 'P-256' : 'Ed25519'} key pair.`, cause });
  }
  const probe = new Uint8Array([1, 2, 3]);
  const signature = await pair.signer().sign({ data: probe });
  if (!(await pair.verifier().verify({ data: probe, signature }))) {
    throw namedError({ name: 'DataError', message: 'The secret key does not match the public key.' });
  }
  return { ...keyFromPublicMultibase({ publicKeyMultibase: publicKeyMultibase as string }), secretKeyMultibase };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TypeError('"json" must be valid JSON.', { cause });
  }
}

/** The signer the suites call: WebCrypto-backed when the key is a CryptoKey. */
export async function createSigner({ key }: { key: WalletKey }): Promise<Signer> {
  if (!key || typeof key !== 'object' || typeof key.verificationMethod !== 'string') {
    throw new TypeError('"key" must be a WalletKey.');
  }
  const id = key.verificationMethod;
  const curve = keyCurveOf({ key });
  if (key.privateKey && curve === 'P-256') {
    const subtle = webCryptoSubtle();
    if (!subtle) throw namedError({ name: 'NotSupportedError', message: 'WebCrypto is not available.' });
    const privateKey = key.privateKey;
    return {
      id,
      algorithm: 'P-256',
      async sign({ data }) {
        try {
          // WebCrypto's ECDSA signature is r‖s (IEEE P1363): what ES256 and ecdsa-rdfc-2019 carry
          return new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data as BufferSource));
        } catch (cause) {
          throw namedError({ name: 'OperationError', message: 'WebCrypto P-256 signing failed.', cause });
        }
      },
    };
  }
  if (typeof key.secretKeyMultibase === 'string' && curve === 'P-256') {
    const pair = await EcdsaMultikey.from({
      type: 'Multikey', id, controller: key.did, publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: key.secretKeyMultibase,
    });
    const inner = pair.signer();
    return { id, algorithm: 'P-256', sign: ({ data }) => inner.sign({ data }) };
  }
  if (key.privateKey) {
    const subtle = webCryptoSubtle();
    if (!subtle) throw namedError({ name: 'NotSupportedError', message: 'WebCrypto is not available.' });
    const privateKey = key.privateKey;
    return {
      id,
      algorithm: 'Ed25519',
      async sign({ data }) {
        try {
          return new Uint8Array(await subtle.sign('Ed25519', privateKey, data as BufferSource));
        } catch (cause) {
          throw namedError({ name: 'OperationError', message: 'WebCrypto Ed25519 signing failed.', cause });
        }
      },
    };
  }
  if (typeof key.secretKeyMultibase === 'string') {
    const pair = await Ed25519Multikey.from({
      type: 'Multikey',
      id,
      controller: key.did,
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: key.secretKeyMultibase,
    });
    const inner = pair.signer();
    return { id, algorithm: 'Ed25519', sign: ({ data }) => inner.sign({ data }) };
  }
  throw namedError({ name: 'NotSupportedError', message: 'The key has no private key to sign with.' });
}

/**
 * Proves that a key's private half belongs to its did:key: signs a random probe and verifies it
 * with the public key the DID names. DataError when they do not belong together.
 */
export async function checkKeyPair({ key }: { key: WalletKey }): Promise<void> {
  if (typeof key?.publicKeyMultibase === 'string' && key.publicKeyMultibase.startsWith('zDna')) {
    if (key.did !== `did:key:${key.publicKeyMultibase}`) throw namedError({ name: 'DataError', message: 'The key\'s DID is not its P-256 public key.' });
    const probe = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const signature = await (await createSigner({ key })).sign({ data: probe });
    let verified = false;
    try {
      const publicKey = await EcdsaMultikey.from({ type: 'Multikey', id: key.verificationMethod, controller: key.did, publicKeyMultibase: key.publicKeyMultibase });
      verified = await publicKey.verifier().verify({ data: probe, signature });
    } catch {
      verified = false;
    }
    if (!verified) throw namedError({ name: 'DataError', message: `The private key does not belong to ${key.did}.` });
    return;
  }
  if (!isEd25519Multibase(key?.publicKeyMultibase) || key.did !== `did:key:${key.publicKeyMultibase}`) {
    throw namedError({ name: 'DataError', message: 'The key\'s DID is not its Ed25519 public key.' });
  }
  const subtle = webCryptoSubtle();
  if (!subtle) throw namedError({ name: 'NotSupportedError', message: 'WebCrypto is not available.' });
  const probe = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const signature = await (await createSigner({ key })).sign({ data: probe });
  const raw = base58btcDecode({ text: key.publicKeyMultibase.slice(1) }).slice(2);
  const publicKey = await subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  if (!(await subtle.verify('Ed25519', publicKey, signature as BufferSource, probe as BufferSource))) {
    throw namedError({ name: 'DataError', message: `The private key does not belong to ${key.did}.` });
  }
}
