import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSigner, generateDidKey, keyFromJson, keyToJson } from './index';
import { ed25519PublicKeyToMultibase } from './keys';

const DID_KEY = /^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/;

async function verifiesWithPublicKey({ publicKeyMultibase, data, signature }: { publicKeyMultibase: string; data: Uint8Array; signature: Uint8Array }) {
  const { base58btcDecode } = await import('./base58');
  const raw = base58btcDecode({ text: publicKeyMultibase.slice(1) }).slice(2);
  const publicKey = await crypto.subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, true, ['verify']);
  return crypto.subtle.verify('Ed25519', publicKey, signature as BufferSource, data as BufferSource);
}

function idbRoundTrip<T>(value: T): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const open = indexedDB.open(`keys-test-${Math.random()}`, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('keys', 'readwrite');
      tx.objectStore('keys').put(value, 'k');
      const get = tx.objectStore('keys').get('k');
      get.onsuccess = () => resolvePromise(get.result as T);
      get.onerror = () => reject(get.error);
    };
  });
}

describe('generateDidKey', () => {
  it('defaults to a non-extractable WebCrypto Ed25519 key with a did:key', async () => {
    const key = await generateDidKey();
    expect(key.did).toMatch(DID_KEY);
    expect(key.verificationMethod).toBe(`${key.did}#${key.publicKeyMultibase}`);
    expect(key.secretKeyMultibase).toBeUndefined();
    expect(key.privateKey).toBeInstanceOf(CryptoKey);
    expect(key.privateKey?.extractable).toBe(false);
    expect(key.privateKey?.algorithm.name).toBe('Ed25519');
    await expect(crypto.subtle.exportKey('pkcs8', key.privateKey as CryptoKey)).rejects.toThrow();
  });

  it('signs through crypto.subtle with the WebCrypto key, verifiable with the did:key public key', async () => {
    const key = await generateDidKey({ extractable: false });
    const signer = await createSigner({ key });
    expect(signer.id).toBe(key.verificationMethod);
    expect(signer.algorithm).toBe('Ed25519');
    const data = new TextEncoder().encode('hello');
    const signature = await signer.sign({ data });
    expect(signature).toHaveLength(64);
    expect(await verifiesWithPublicKey({ publicKeyMultibase: key.publicKeyMultibase, data, signature })).toBe(true);
  });

  it('returns multibase key material when extractable', async () => {
    const key = await generateDidKey({ extractable: true });
    expect(key.did).toMatch(DID_KEY);
    expect(key.secretKeyMultibase).toMatch(/^z/);
    expect(key.privateKey).toBeUndefined();
    const signer = await createSigner({ key });
    const data = new Uint8Array([9, 8, 7]);
    expect(await verifiesWithPublicKey({ publicKeyMultibase: key.publicKeyMultibase, data, signature: await signer.sign({ data }) })).toBe(true);
  });

  it('makes a different key each time', async () => {
    const [a, b] = await Promise.all([generateDidKey(), generateDidKey()]);
    expect(a.did).not.toBe(b.did);
  });

  it('rejects a non-boolean extractable', async () => {
    await expect(generateDidKey({ extractable: 'yes' as unknown as boolean })).rejects.toThrow(TypeError);
  });
});

describe('storing a non-extractable key', () => {
  it('survives structuredClone and still signs', async () => {
    const key = await generateDidKey();
    const copy = structuredClone(key);
    expect(copy.privateKey).toBeInstanceOf(CryptoKey);
    expect(copy.privateKey?.extractable).toBe(false);
    const data = new Uint8Array([1, 2, 3]);
    const signature = await (await createSigner({ key: copy })).sign({ data });
    expect(await verifiesWithPublicKey({ publicKeyMultibase: key.publicKeyMultibase, data, signature })).toBe(true);
  });

  it('documents what fake-indexeddb does with a CryptoKey (real browsers store it)', async () => {
    const key = await generateDidKey();
    const stored = await idbRoundTrip(key);
    expect(stored.did).toBe(key.did);
    // fake-indexeddb clones with Node's structuredClone, which keeps CryptoKeys
    expect(stored.privateKey).toBeInstanceOf(CryptoKey);
    const signature = await (await createSigner({ key: stored })).sign({ data: new Uint8Array([4]) });
    expect(signature).toHaveLength(64);
  });
});

describe('keyToJson / keyFromJson', () => {
  it('round-trips an extractable key through JSON text', async () => {
    const key = await generateDidKey({ extractable: true });
    const json = JSON.parse(JSON.stringify(keyToJson({ key })));
    expect(json).toEqual({
      type: 'Multikey',
      id: key.verificationMethod,
      controller: key.did,
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: key.secretKeyMultibase,
    });
    const back = await keyFromJson({ json });
    expect(back).toEqual(key);
    expect(await keyFromJson({ json: JSON.stringify(json) })).toEqual(key);
  });

  it('refuses to export a non-extractable key (NotSupportedError)', async () => {
    const key = await generateDidKey();
    expect(() => keyToJson({ key })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });

  it('rejects a secret key that belongs to another public key (DataError)', async () => {
    const [a, b] = await Promise.all([generateDidKey({ extractable: true }), generateDidKey({ extractable: true })]);
    const json = { ...keyToJson({ key: a }), publicKeyMultibase: b.publicKeyMultibase };
    await expect(keyFromJson({ json })).rejects.toMatchObject({ name: 'DataError' });
  });

  it('rejects malformed input with TypeErrors', async () => {
    await expect(keyFromJson({ json: null })).rejects.toThrow(TypeError);
    await expect(keyFromJson({ json: '{not json' })).rejects.toThrow(TypeError);
    // P-384 (z82L…) is not a wallet key; P-256 (zDna…) is the second holder key (p256.test.ts)
    await expect(keyFromJson({ json: { publicKeyMultibase: 'z82Lexample', secretKeyMultibase: 'z1' } })).rejects.toThrow(
      '"json.publicKeyMultibase" must be an Ed25519 (z6Mk…) or P-256 (zDna…) multikey.',
    );
    await expect(keyFromJson({ json: { publicKeyMultibase: 'zDnaexample', secretKeyMultibase: 'z1' } })).rejects.toMatchObject({ name: 'DataError' });
    const key = await generateDidKey({ extractable: true });
    await expect(keyFromJson({ json: { publicKeyMultibase: key.publicKeyMultibase } })).rejects.toThrow(TypeError);
  });

  it('cannot sign with a public-only key', async () => {
    const key = await generateDidKey({ extractable: true });
    const publicOnly = { ...key };
    delete publicOnly.secretKeyMultibase;
    await expect(createSigner({ key: publicOnly })).rejects.toMatchObject({ name: 'NotSupportedError' });
  });
});

describe('published test keys', () => {
  it('reads the vc-di-eddsa test key pair (privateKeyMultibase) into the did:key of its vectors', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const pair = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../testdata/vectors/credentials/eddsa-test-keypair.json'), 'utf8'),
    );
    const key = await keyFromJson({ json: pair }); // { publicKeyMultibase, privateKeyMultibase }
    expect(key.did).toBe('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    const { base58btcDecode } = await import('./base58');
    const raw = base58btcDecode({ text: pair.publicKeyMultibase.slice(1) }).slice(2);
    expect(ed25519PublicKeyToMultibase({ publicKey: raw })).toBe(pair.publicKeyMultibase);
    expect(() => ed25519PublicKeyToMultibase({ publicKey: raw.slice(1) })).toThrow(TypeError);
  });
});
