import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openWalletDb } from './open';
import { DB_VERSION } from './schema';
import { credentialDoc, verified } from './test-support';

const uniqueName = () => `open-${globalThis.crypto.randomUUID()}`;

describe('openWalletDb', () => {
  it('creates every store and index on an empty database', async () => {
    const db = await openWalletDb({ name: uniqueName() });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.idb.objectStoreNames].sort()).toEqual(['approvals', 'credentials', 'exchanges', 'keys', 'messages', 'renderTemplates', 'statusChecks']);
    const tx = db.idb.transaction(['credentials', 'exchanges', 'approvals']);
    expect([...tx.objectStore('credentials').indexNames].sort()).toEqual(['by-addedAt', 'by-issuer', 'by-type']);
    expect(tx.objectStore('credentials').index('by-type').multiEntry).toBe(true);
    expect([...tx.objectStore('exchanges').indexNames].sort()).toEqual(['by-createdAt', 'by-status']);
    expect([...tx.objectStore('approvals').indexNames].sort()).toEqual(['by-createdAt', 'by-exchangeId']);
    db.close();
  });

  it('keeps data across close and reopen', async () => {
    const name = uniqueName();
    const first = await openWalletDb({ name });
    await first.credentials.put({
      id: 'urn:c:1', credential: credentialDoc('urn:c:1', 'A'), verification: verified, source: { kind: 'import' },
    });
    first.close();
    const second = await openWalletDb({ name });
    expect((await second.credentials.get({ id: 'urn:c:1' }))?.types).toEqual(['VerifiableCredential', 'A']);
    second.close();
  });

  it('a database from a newer wallet version is a VersionError, not a crash', async () => {
    const name = uniqueName();
    const future = await openDB(name, DB_VERSION + 1);
    future.close();
    await expect(openWalletDb({ name })).rejects.toMatchObject({ name: 'VersionError' });
  });

  it('yields to another context that upgrades (closes itself when blocking)', async () => {
    const name = uniqueName();
    const db = await openWalletDb({ name });
    const upgraded = await openDB(name, DB_VERSION + 1); // would hang if our connection stayed open
    expect(upgraded.version).toBe(DB_VERSION + 1);
    upgraded.close();
    await expect(db.credentials.list()).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('rejects bad arguments with TypeError', async () => {
    await expect(openWalletDb({ name: '' })).rejects.toThrow(TypeError);
    await expect(openWalletDb({ name: uniqueName(), version: DB_VERSION + 1 })).rejects.toThrow(TypeError);
  });
});
