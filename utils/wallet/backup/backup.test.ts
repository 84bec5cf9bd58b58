// Whole-wallet backup and restore between two wallets (two databases), and single-credential
// import, over the real utils/db (fake-indexeddb) and real keys and signatures.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, generateDidKey, issueCredential, signPresentation, verifyCredential, verifyPresentation, type WalletKey } from '../../crypto';
import { MIN_LOG_N } from '../../backup';
import { credentialRecordId } from '../../db';
import { createTestContext } from '../testing';
import { keyStorage } from '../keys';
import { createWalletBackup } from './create-backup';
import { restoreWalletBackup } from './restore-backup';
import { importCredentials } from './import-credentials';

const passphrase = 'lantern orchard velvet compass';
let issuer: WalletKey;

async function productCredential({ subject, sku }: { subject: string; sku: string }) {
  return (await issueCredential({
    key: issuer,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2', { ProductAuthenticityCredential: 'urn:test:ProductAuthenticityCredential', sku: 'urn:test:sku' }],
      type: ['VerifiableCredential', 'ProductAuthenticityCredential'],
      issuer: issuer.did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: subject, sku },
    },
  })) as Record<string, unknown>;
}

/** A wallet that has a key, one stored credential and one finished exchange with a transcript. */
async function usedWallet() {
  const t = createTestContext();
  const db = await t.ctx.db;
  const holder = await t.ctx.key();
  const credential = await productCredential({ subject: holder.did, sku: 'HB-2026-0042' });
  await db.credentials.put({
    id: await credentialRecordId({ credential }),
    credential,
    verification: await verifyCredential({ credential }),
    source: { kind: 'exchange', exchangeId: 'x1', origin: 'https://shop.example' },
  });
  await db.exchanges.create({ id: 'x1', status: 'complete', origin: 'https://shop.example', title: 'Bag' });
  await db.messages.append({
    message: { exchangeId: 'x1', seq: 0, kind: 'exchange', method: 'POST', url: 'https://shop.example/x1', startedAt: '2026-01-01T00:00:00Z' } as never,
  });
  return { t, db, holder, credential };
}

beforeAll(async () => {
  issuer = await generateDidKey({ extractable: true });
});

describe('wallet backup and restore', () => {
  it('new wallet keys are wrappable, never exportable as multibase', async () => {
    const t = createTestContext();
    const key = await t.ctx.key();
    expect(keyStorage(key)).toBe('wrap-only');
    expect(key.secretKeyMultibase).toBeUndefined();
  });

  it('restores into a fresh wallet: the same DID and credentials, presentable with holder binding; history on request', async () => {
    const source = await usedWallet();
    const backup = await createWalletBackup({ ctx: source.t.ctx, passphrase, includeHistory: true, logN: MIN_LOG_N });
    expect(backup).toMatchObject({ keys: 1, credentials: 1, exchanges: 1 });
    expect(backup.filename).toMatch(/^vcalm-wallet-backup-\d{4}-\d\d-\d\d\.json$/);

    const fresh = createTestContext();
    const before = await fresh.ctx.key(); // a fresh profile makes its own key on first run
    expect(before.did).not.toBe(source.holder.did);
    const result = await restoreWalletBackup({ ctx: fresh.ctx, file: backup.file, passphrase });
    expect(result).toMatchObject({ did: source.holder.did, keysAdded: 1, credentialsAdded: 1, exchangesAdded: 1, credentialsConflicting: 0 });
    expect(fresh.events.map((e) => e.type)).toEqual(['wallet', 'credentials']);

    const key = await fresh.ctx.key();
    expect(key.did).toBe(source.holder.did);
    expect(keyStorage(key)).toBe('wrap-only'); // and can be backed up again
    const db = await fresh.ctx.db;
    const stored = await db.credentials.list();
    expect(stored.map((c) => c.credential)).toEqual([source.credential]);
    expect(stored[0].source).toEqual({ kind: 'exchange', exchangeId: 'x1', origin: 'https://shop.example' });
    expect((await db.messages.forExchange({ exchangeId: 'x1' })).map((m) => m.url)).toEqual(['https://shop.example/x1']);

    const vp = await signPresentation({
      presentation: createPresentation({ holder: key.did, verifiableCredential: [stored[0].credential] }),
      key,
      challenge: 'c-1',
      domain: 'https://verifier.example',
    });
    const verified = await verifyPresentation({ presentation: vp, challenge: 'c-1', domain: 'https://verifier.example' });
    expect(verified.verified).toBe(true);

    // a second backup of the restored wallet carries the same key
    const again = await createWalletBackup({ ctx: fresh.ctx, passphrase, includeHistory: false, logN: MIN_LOG_N });
    expect(again).toMatchObject({ keys: 2, credentials: 1, exchanges: 0 });
  });

  it('wrong passphrase, damaged or newer file: named errors and nothing changes', async () => {
    const source = await usedWallet();
    const { file } = await createWalletBackup({ ctx: source.t.ctx, passphrase, includeHistory: false, logN: MIN_LOG_N });
    const target = createTestContext();
    const own = await target.ctx.key();
    const newer = JSON.stringify({ ...JSON.parse(file), version: 2 });
    const cut = file.slice(0, file.length / 2);
    await expect(restoreWalletBackup({ ctx: target.ctx, file, passphrase: 'lantern orchard velvet compost' })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(restoreWalletBackup({ ctx: target.ctx, file: newer, passphrase })).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(restoreWalletBackup({ ctx: target.ctx, file: cut, passphrase })).rejects.toMatchObject({ name: 'DataError' });
    const db = await target.ctx.db;
    expect((await target.ctx.key()).did).toBe(own.did);
    expect(await db.keys.list()).toHaveLength(1);
    expect(await db.credentials.list()).toEqual([]);
    expect(target.events).toEqual([]);
  });

  it('a wallet key made before backups existed (non-extractable) is refused with NotSupportedError that names it and the way on', async () => {
    const t = createTestContext();
    const old = await generateDidKey({ extractable: false });
    await (await t.ctx.db).keys.put({ key: old });
    expect(keyStorage(await t.ctx.key())).toBe('non-extractable');
    await expect(createWalletBackup({ ctx: t.ctx, passphrase, includeHistory: false, logN: MIN_LOG_N })).rejects.toMatchObject({
      name: 'NotSupportedError',
      message: expect.stringMatching(new RegExp(`^The key of ${old.did} was made before backups existed.*You can back up without it`)),
    });
  });

  it('the way on: back up without the old key — the credentials restore in a fresh wallet, which keeps its own key and is told which DID stayed behind', async () => {
    const t = createTestContext();
    const db = await t.ctx.db;
    const old = await generateDidKey({ extractable: false });
    await db.keys.put({ key: old });
    const credential = await productCredential({ subject: old.did, sku: 'HB-OLD-1' });
    await db.credentials.put({ id: await credentialRecordId({ credential }), credential, verification: await verifyCredential({ credential }), source: { kind: 'import' } });
    const backup = await createWalletBackup({ ctx: t.ctx, passphrase, includeHistory: false, leaveLockedKeys: true, logN: MIN_LOG_N });
    expect(backup).toMatchObject({ keys: 0, credentials: 1, keysLeftBehind: [old.did] });
    expect(backup.file).not.toContain(old.did); // the names are inside the encrypted body too

    const fresh = createTestContext();
    const own = await fresh.ctx.key();
    const result = await restoreWalletBackup({ ctx: fresh.ctx, file: backup.file, passphrase });
    expect(result).toMatchObject({ did: own.did, keysAdded: 0, credentialsAdded: 1, keysLeftBehind: [old.did] });
    expect((await fresh.ctx.key()).did).toBe(own.did);
    expect((await (await fresh.ctx.db).credentials.list()).map((c) => c.credential)).toEqual([credential]);
    // and the fresh wallet's own (wrappable) key backs up whole again
    expect(await createWalletBackup({ ctx: fresh.ctx, passphrase, includeHistory: false, logN: MIN_LOG_N })).toMatchObject({ keys: 1, keysLeftBehind: [] });
  });

  it('a file that holds no key and names none left behind is refused as damaged', async () => {
    const { parseBackupPayload, PAYLOAD_KIND } = await import('../../backup');
    expect(() => parseBackupPayload({ payload: { kind: PAYLOAD_KIND, keys: [], credentials: [], settings: {} } })).toThrow(/holds no key/);
    expect(() => parseBackupPayload({ payload: { kind: PAYLOAD_KIND, keys: [], keysLeftBehind: ['https://x'], credentials: [], settings: {} } }))
      .toThrow(/"keysLeftBehind\[0\]" must be a did:key/);
  });
});

describe('importing credentials', () => {
  it('imports one verified credential, and the credentials of a presentation', async () => {
    const t = createTestContext();
    const one = await productCredential({ subject: 'did:example:bag-1', sku: 'HB-1' });
    const result = await importCredentials({ ctx: t.ctx, text: JSON.stringify(one) });
    expect(result.imported).toEqual([{ id: await credentialRecordId({ credential: one }), name: expect.any(String), status: 'added' }]);
    const two = await productCredential({ subject: 'did:example:bag-2', sku: 'HB-2' });
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [one, two] };
    const fromVp = await importCredentials({ ctx: t.ctx, text: JSON.stringify(vp) });
    expect(fromVp.imported.map((i) => i.status)).toEqual(['unchanged', 'added']);
    const stored = await (await t.ctx.db).credentials.list();
    expect(stored).toHaveLength(2);
    expect(stored.every((s) => s.source.kind === 'import' && s.verification?.verified)).toBe(true);
  });

  it('refuses a tampered credential, not JSON, or an empty presentation (DataError) and stores nothing', async () => {
    const t = createTestContext();
    const good = await productCredential({ subject: 'did:example:bag-3', sku: 'HB-3' });
    const tampered = { ...good, credentialSubject: { id: 'did:example:bag-3', sku: 'HB-999' } };
    const vp = { type: ['VerifiablePresentation'], verifiableCredential: [good, tampered] };
    await expect(importCredentials({ ctx: t.ctx, text: JSON.stringify(vp) })).rejects.toMatchObject({
      name: 'DataError',
      message: expect.stringContaining('Nothing was imported'),
    });
    await expect(importCredentials({ ctx: t.ctx, text: '{"a":' })).rejects.toMatchObject({ name: 'DataError' });
    await expect(importCredentials({ ctx: t.ctx, text: JSON.stringify({ type: 'VerifiablePresentation' }) })).rejects.toMatchObject({ name: 'DataError' });
    expect(await (await t.ctx.db).credentials.list()).toEqual([]);
  });
});
