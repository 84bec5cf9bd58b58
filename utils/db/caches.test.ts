import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWalletDb } from './open';
import { credentialDoc, freshDb, verified } from './test-support';

const result = { state: 'revoked' as const, checkedAt: '2026-03-01T10:00:00.000Z', entries: [{ type: 'BitstringStatusListEntry', purpose: 'revocation', set: true }] };

describe('status checks and render templates', () => {
  it('keeps the last status check of a credential with its time, replaces and deletes it', async () => {
    const db = await freshDb();
    expect(await db.statusChecks.get({ credentialId: 'urn:c:1' })).toBeUndefined();
    await db.statusChecks.put({ credentialId: 'urn:c:1', result });
    expect((await db.statusChecks.get({ credentialId: 'urn:c:1' }))?.result).toEqual(result);
    await db.statusChecks.put({ credentialId: 'urn:c:1', result: { ...result, state: 'unknown', checkedAt: '2026-03-02T10:00:00.000Z' } });
    expect((await db.statusChecks.get({ credentialId: 'urn:c:1' }))?.result.state).toBe('unknown');
    await db.statusChecks.delete({ credentialId: 'urn:c:1' });
    expect(await db.statusChecks.get({ credentialId: 'urn:c:1' })).toBeUndefined();
    await expect(db.statusChecks.put({ credentialId: 'urn:c:1', result: { state: 'valid' } as never })).rejects.toThrow(TypeError);
    db.close();
  });

  it('caches a template by URL', async () => {
    const db = await freshDb();
    const record = { url: 'https://issuer.example/card.svg', body: '<svg/>', mediaType: 'image/svg+xml', fetchedAt: '2026-03-01T10:00:00.000Z' };
    await db.renderTemplates.put(record);
    expect(await db.renderTemplates.get({ url: record.url })).toEqual(record);
    db.close();
  });

  it('upgrades a version 1 database and keeps its credentials', async () => {
    const name = `caches-${globalThis.crypto.randomUUID()}`;
    const v1 = await openWalletDb({ name, version: 1 });
    await v1.credentials.put({ id: 'urn:c:1', credential: credentialDoc('urn:c:1', 'A'), verification: verified, source: { kind: 'import' } });
    v1.close();
    const v2 = await openWalletDb({ name });
    expect(v2.version).toBeGreaterThanOrEqual(2);
    expect((await v2.credentials.get({ id: 'urn:c:1' }))?.id).toBe('urn:c:1');
    await v2.statusChecks.put({ credentialId: 'urn:c:1', result });
    v2.close();
  });
});
