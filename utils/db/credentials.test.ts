import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialRecordId } from './credentials';
import { credentialDoc, freshDb, verified } from './test-support';

const vector = (file: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../testdata/vectors/credentials', file), 'utf8'));

describe('credentials repository', () => {
  it('put / get / list newest first / by type / by issuer / delete', async () => {
    const db = await freshDb();
    const ob = vector('ob3-vc2-eddsa-rdfc-2022-didkey.json');
    await db.credentials.put({ id: ob.id, credential: ob, verification: verified, source: { kind: 'exchange', exchangeId: 'e1', origin: 'https://issuer.example' }, addedAt: '2026-01-01T00:00:00.000Z' });
    await db.credentials.put({ id: 'urn:b', credential: credentialDoc('urn:b', 'B', { id: 'did:web:b.example' }), verification: null, source: { kind: 'import' }, addedAt: '2026-03-01T00:00:00.000Z' });
    await db.credentials.put({ id: 'urn:a', credential: credentialDoc('urn:a', 'B'), verification: null, source: { kind: 'import' }, addedAt: '2026-03-01T00:00:00.000Z' });

    const got = await db.credentials.get({ id: ob.id });
    expect(got).toMatchObject({ types: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q', verification: verified, source: { exchangeId: 'e1' } });
    expect(got?.credential).toEqual(ob);
    expect((await db.credentials.list()).map((c) => c.id)).toEqual(['urn:a', 'urn:b', ob.id]);
    expect((await db.credentials.listByType({ type: 'B' })).map((c) => c.id)).toEqual(['urn:a', 'urn:b']);
    expect((await db.credentials.listByType({ type: 'VerifiableCredential' }))).toHaveLength(3);
    expect((await db.credentials.listByIssuer({ issuer: 'did:web:b.example' })).map((c) => c.id)).toEqual(['urn:b']);
    expect(await db.credentials.delete({ id: 'urn:b' })).toBe(true);
    expect(await db.credentials.delete({ id: 'urn:b' })).toBe(false);
    expect(await db.credentials.get({ id: 'urn:b' })).toBeUndefined();
    db.close();
  });

  it('duplicate id: same content is "unchanged" (first addedAt kept, verification refreshed)', async () => {
    const db = await freshDb();
    const doc = credentialDoc('urn:dup', 'A');
    const first = await db.credentials.put({ id: 'urn:dup', credential: doc, verification: null, source: { kind: 'import' }, addedAt: '2026-01-01T00:00:00.000Z' });
    expect(first.status).toBe('added');
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    const again = await db.credentials.put({ id: 'urn:dup', credential: reordered, verification: verified, source: { kind: 'exchange' } });
    expect(again.status).toBe('unchanged');
    const stored = await db.credentials.get({ id: 'urn:dup' });
    expect(stored?.addedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(stored?.source).toEqual({ kind: 'import' });
    expect(stored?.verification).toEqual(verified);
    db.close();
  });

  it('duplicate id with different content is a ConstraintError and overwrites nothing; replace() does on purpose', async () => {
    const db = await freshDb();
    // Two real vectors share one credential id but carry different proofs.
    const a = vector('eddsa-rdfc-2022-alumni-signed.json');
    const b = vector('ecdsa-rdfc-2019-p256-alumni-signed.json');
    expect(a.id).toBe(b.id);
    await db.credentials.put({ id: a.id, credential: a, verification: null, source: { kind: 'import' } });
    await expect(db.credentials.put({ id: b.id, credential: b, verification: null, source: { kind: 'import' } }))
      .rejects.toMatchObject({ name: 'ConstraintError' });
    expect((await db.credentials.get({ id: a.id }))?.credential).toEqual(a);
    await db.credentials.replace({ id: b.id, credential: b, verification: null, source: { kind: 'import' } });
    expect((await db.credentials.get({ id: a.id }))?.credential).toEqual(b);
    db.close();
  });

  it('putMany is all or nothing: a conflict or an uncloneable value leaves nothing half-written', async () => {
    const db = await freshDb();
    await db.credentials.put({ id: 'urn:x', credential: credentialDoc('urn:x', 'X'), verification: null, source: { kind: 'import' } });
    await expect(db.credentials.putMany({ items: [
      { id: 'urn:new1', credential: credentialDoc('urn:new1', 'N'), verification: null, source: { kind: 'import' } },
      { id: 'urn:x', credential: credentialDoc('urn:x', 'Different'), verification: null, source: { kind: 'import' } },
    ] })).rejects.toMatchObject({ name: 'ConstraintError' });
    await expect(db.credentials.putMany({ items: [
      { id: 'urn:new2', credential: credentialDoc('urn:new2', 'N'), verification: null, source: { kind: 'import' } },
      { id: 'urn:bad', credential: { ...credentialDoc('urn:bad', 'N'), evil: () => 1 }, verification: null, source: { kind: 'import' } },
    ] })).rejects.toMatchObject({ name: 'DataCloneError' });
    expect((await db.credentials.list()).map((c) => c.id)).toEqual(['urn:x']);
    expect((await db.credentials.get({ id: 'urn:x' }))?.types).toContain('X');
    const ok = await db.credentials.putMany({ items: [
      { id: 'urn:new3', credential: credentialDoc('urn:new3', 'N'), verification: null, source: { kind: 'import' } },
      { id: 'urn:x', credential: credentialDoc('urn:x', 'X'), verification: null, source: { kind: 'import' } },
    ] });
    expect(ok.map((r) => r.status)).toEqual(['added', 'unchanged']);
    db.close();
  });

  it('malformed input is a TypeError and stores nothing', async () => {
    const db = await freshDb();
    const good = { id: 'urn:g', credential: credentialDoc('urn:g', 'G'), verification: null, source: { kind: 'import' as const } };
    for (const bad of [
      { ...good, id: '' },
      { ...good, credential: 'x' as any },
      { ...good, credential: [] as any },
      { ...good, verification: 'yes' as any },
      { ...good, source: undefined as any },
      { ...good, addedAt: 'yesterday' },
    ]) {
      await expect(db.credentials.put(bad)).rejects.toThrow(TypeError);
    }
    await expect(db.credentials.putMany({ items: [good, { ...good, id: 7 as any }] })).rejects.toThrow(TypeError);
    expect(await db.credentials.list()).toEqual([]);
    db.close();
  });

  it('credentialRecordId: a digest of issuer + id, else a stable content hash', async () => {
    const own = await credentialRecordId({ credential: credentialDoc('urn:own', 'A') });
    expect(own).toMatch(/^urn:sha256:[0-9a-f]{64}$/);
    // the same issuer and id: the same record, whatever else changed
    expect(await credentialRecordId({ credential: credentialDoc('urn:own', 'B') })).toBe(own);
    expect(await credentialRecordId({ credential: credentialDoc('urn:own', 'A', { id: 'did:key:z6MkIssuer' }) })).toBe(own);
    expect(await credentialRecordId({ credential: credentialDoc('urn:own', 'A', 'did:web:other.example') })).not.toBe(own);
    const noId = credentialDoc(undefined, 'A');
    const id1 = await credentialRecordId({ credential: noId });
    const id2 = await credentialRecordId({ credential: Object.fromEntries(Object.entries(noId).reverse()) });
    expect(id1).toMatch(/^urn:sha256:[0-9a-f]{64}$/);
    expect(id2).toBe(id1);
    expect(await credentialRecordId({ credential: credentialDoc(undefined, 'B') })).not.toBe(id1);
    await expect(credentialRecordId({ credential: null })).rejects.toThrow(TypeError);
  });
});
