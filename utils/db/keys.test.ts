import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateDidKey, type WalletKey } from '../crypto';
import { openWalletDb } from './open';
import { freshDb } from './test-support';

describe('keys repository', () => {
  it('has no primary key at first; stores a non-extractable CryptoKey that still signs after reopening', async () => {
    const name = `keys-${globalThis.crypto.randomUUID()}`;
    const db = await openWalletDb({ name });
    expect(await db.keys.getPrimary()).toBeUndefined();
    const key = await generateDidKey({ extractable: false });
    expect(key.privateKey).toBeDefined();
    await db.keys.put({ key });
    db.close();

    const again = await openWalletDb({ name });
    const stored = (await again.keys.getPrimary())!;
    expect(stored.did).toBe(key.did);
    expect(stored.secretKeyMultibase).toBeUndefined();
    expect(stored.privateKey?.extractable).toBe(false);
    const signature = await globalThis.crypto.subtle.sign('Ed25519', stored.privateKey!, new Uint8Array([1, 2, 3]));
    expect(signature.byteLength).toBe(64);
    again.close();
  });

  it('the primary key is the oldest; put keeps the first createdAt', async () => {
    const db = await freshDb();
    const a = await generateDidKey({ extractable: true });
    const b = await generateDidKey({ extractable: true });
    await db.keys.put({ key: a });
    await db.keys.put({ key: b });
    const firstCreated = (await db.keys.list())[0].createdAt;
    await db.keys.put({ key: a });
    expect((await db.keys.list())[0].createdAt).toBe(firstCreated);
    expect((await db.keys.getPrimary())?.did).toBe(a.did);
    db.close();
  });

  it('ensurePrimary: concurrent first runs end with one stored key', async () => {
    const db = await freshDb();
    let generated = 0;
    const generate = async (): Promise<WalletKey> => {
      generated++;
      return generateDidKey({ extractable: false });
    };
    const [x, y] = await Promise.all([db.keys.ensurePrimary({ generate }), db.keys.ensurePrimary({ generate })]);
    expect(x.did).toBe(y.did);
    expect(await db.keys.list()).toHaveLength(1);
    expect(generated).toBe(2);
    const z = await db.keys.ensurePrimary({ generate });
    expect(z.did).toBe(x.did);
    expect(generated).toBe(2);
    db.close();
  });

  it('rejects a malformed key and stores nothing', async () => {
    const db = await freshDb();
    await expect(db.keys.put({ key: { did: 'did:key:x' } as WalletKey })).rejects.toThrow(TypeError);
    await expect(db.keys.ensurePrimary({ generate: async () => ({}) as WalletKey })).rejects.toThrow(TypeError);
    expect(await db.keys.list()).toEqual([]);
    db.close();
  });
});

describe('the primary key is Ed25519', () => {
  it('an older P-256 holder key never becomes the primary (the wallet DID stays)', async () => {
    const db = await freshDb();
    const p256 = await generateDidKey({ curve: 'P-256', extractable: true });
    await db.keys.put({ key: p256 }); // older: as after restoring a backup that carried only it
    expect(await db.keys.getPrimary()).toBeUndefined();
    const ed = await generateDidKey({ extractable: true });
    const primary = await db.keys.ensurePrimary({ generate: async () => ed });
    expect(primary.did).toBe(ed.did);
    expect((await db.keys.getPrimary())?.did).toBe(ed.did);
    expect((await db.keys.list()).map((r) => r.key.did)).toEqual([p256.did, ed.did]);
    db.close();
  });
});
