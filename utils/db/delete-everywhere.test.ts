// Delete means gone: a deleted credential leaves no copy in approvals, exchange states or
// transcripts (a placeholder says one was there); a credential whose id another issuer already
// used is stored beside it; schema v2 re-keys the records of an older database.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { credentialRecordId } from './credentials';
import { openWalletDb } from './open';
import { REDACTED_NOTE } from './redact-credential';
import { credentialDoc, freshDb, verified } from './test-support';

const secret = 'Walnut chair, serial 4711';

function bagCredential(id: string, issuer: string) {
  return { ...credentialDoc(id, 'ProductAuthenticityCredential', issuer), credentialSubject: { id: 'did:key:z6MkHolder', name: secret }, proof: { type: 'DataIntegrityProof', proofValue: 'z123' } };
}

describe('deleting a credential', () => {
  it('removes it from approvals, exchange states and transcripts, keeping the fact it was there', async () => {
    const db = await freshDb();
    const credential = bagCredential('urn:uuid:bag-1', 'did:key:z6MkShop');
    const other = bagCredential('urn:uuid:bag-2', 'did:key:z6MkShop');
    const id = await credentialRecordId({ credential });
    await db.credentials.put({ id, credential, verification: verified, source: { kind: 'exchange', exchangeId: 'x1' } });
    const vp = { type: ['VerifiablePresentation'], verifiableCredential: [structuredClone(credential), other] };
    await db.exchanges.create({ id: 'x1', status: 'complete', state: { id: 'x1', status: 'complete', offered: [vp] } as never, credentialIds: [id] } as never);
    await db.messages.append({
      message: {
        exchangeId: 'x1', seq: 1, kind: 'exchange', method: 'POST', url: 'https://shop.example/x1', requestHeaders: {},
        requestBody: { verifiablePresentation: { ...vp, proof: { challenge: 'c' } } }, responseBody: { verifiablePresentation: vp }, startedAt: '2026-01-01T00:00:00Z',
      },
    });
    await db.approvals.create({
      id: 'x1.1.accept', kind: 'credentials', exchangeId: 'x1', origin: 'https://shop.example',
      payload: { view: { kind: 'accept' }, offered: [{ recordId: id, credential, summary: { name: 'Product authenticity', subjectId: 'did:key:z6MkHolder' } }] },
    });

    expect(await db.credentials.delete({ id })).toBe(true);
    expect(await db.credentials.get({ id })).toBeUndefined();

    const everything = JSON.stringify([
      await db.approvals.forExchange({ exchangeId: 'x1' }),
      await db.exchanges.get({ id: 'x1' }),
      await db.messages.forExchange({ exchangeId: 'x1' }),
    ]);
    expect(everything.split(secret).length - 1).toBe(3); // only the other credential: in the state, the request and the response
    expect(everything).not.toContain('urn:uuid:bag-1');
    const [message] = await db.messages.forExchange({ exchangeId: 'x1' });
    const sent = (message.requestBody as any).verifiablePresentation;
    expect(sent.verifiableCredential[0]).toEqual({ redacted: REDACTED_NOTE, type: ['VerifiableCredential', 'ProductAuthenticityCredential'] });
    expect(sent.verifiableCredential[1]).toEqual(other);
    expect(sent.proof).toEqual({ challenge: 'c' });
    const [approval] = await db.approvals.forExchange({ exchangeId: 'x1' });
    const offer = (approval.payload as any).offered[0];
    expect(offer.credential.redacted).toBe(REDACTED_NOTE);
    expect(offer.summary).toEqual({ name: 'Product authenticity' });
    db.close();
  });

  it('a credential whose id another issuer already used is stored beside it, not refused', async () => {
    const db = await freshDb();
    const fromShop = bagCredential('urn:uuid:same', 'did:key:z6MkShop');
    const fromMarket = bagCredential('urn:uuid:same', 'did:web:market.example');
    const [a, b] = await Promise.all([credentialRecordId({ credential: fromShop }), credentialRecordId({ credential: fromMarket })]);
    expect(a).not.toBe(b);
    await db.credentials.put({ id: a, credential: fromShop, verification: null, source: { kind: 'import' } });
    expect((await db.credentials.put({ id: b, credential: fromMarket, verification: null, source: { kind: 'import' } })).status).toBe('added');
    expect(await db.credentials.list()).toHaveLength(2);
    // the same issuer's re-issue under the same id still needs replace()
    const changed = { ...fromShop, credentialSubject: { id: 'did:key:z6MkHolder', name: 'other' } };
    expect(await credentialRecordId({ credential: changed })).toBe(a);
    await expect(db.credentials.put({ id: a, credential: changed, verification: null, source: { kind: 'import' } })).rejects.toMatchObject({ name: 'ConstraintError' });
    db.close();
  });
});

describe('schema v3', () => {
  it('re-keys credentials stored by their bare id, and the ids exchanges and approvals hold', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v1 = await openWalletDb({ name, version: 1 });
    const credential = bagCredential('urn:uuid:old', 'did:key:z6MkShop');
    const noId = credentialDoc(undefined, 'Plain');
    const noIdRecord = await credentialRecordId({ credential: noId });
    await v1.credentials.put({ id: 'urn:uuid:old', credential, verification: verified, source: { kind: 'exchange', exchangeId: 'x1' } });
    await v1.credentials.put({ id: noIdRecord, credential: noId, verification: null, source: { kind: 'import' } });
    await v1.exchanges.create({ id: 'x1', status: 'complete', credentialIds: ['urn:uuid:old'] } as never);
    await v1.approvals.create({
      id: 'p1', kind: 'presentation', exchangeId: 'x1', origin: 'https://v.example',
      payload: { view: { kind: 'present', queries: [{ key: '0', candidates: [{ credentialId: 'urn:uuid:old', fits: true }] }] } },
    });
    await v1.approvals.decide({ id: 'p1', decision: { approved: true, credentialIds: ['urn:uuid:old'] } });
    v1.close();

    const v2 = await openWalletDb({ name });
    expect(v2.version).toBe(3);
    const id = await credentialRecordId({ credential });
    expect(id).toMatch(/^urn:sha256:[0-9a-f]{64}$/);
    expect((await v2.credentials.get({ id }))?.credential).toEqual(credential);
    expect(await v2.credentials.get({ id: 'urn:uuid:old' })).toBeUndefined();
    expect((await v2.credentials.get({ id: noIdRecord }))?.credential).toEqual(noId);
    expect(((await v2.exchanges.get({ id: 'x1' })) as any).credentialIds).toEqual([id]);
    const approval = await v2.approvals.get({ id: 'p1' });
    expect(approval?.decision?.credentialIds).toEqual([id]);
    expect((approval?.payload as any).view.queries[0].candidates[0].credentialId).toBe(id);
    v2.close();
  });
});
