import { beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_VERSION, MIN_LOG_N, createBackupSealer, openBackup, readBackupHeader } from './format';
import { fromBase64url, toBase64url } from './base64url';

const passphrase = 'lantern orchard velvet compass';
const payload = { kind: 'vcalm-wallet', keys: [{ did: 'did:key:z6Mk…' }], credentials: [{ n: 1 }], note: 'é ✓' };

let file: string;
let keyPair: CryptoKeyPair;
let wrapped: unknown;

beforeAll(async () => {
  keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const sealer = await createBackupSealer({ passphrase, logN: MIN_LOG_N });
  wrapped = await sealer.wrapPrivateKey({ key: keyPair.privateKey });
  file = await sealer.seal({ payload: { ...payload, wrapped } });
}, 60_000);

/** The file with one field of its JSON changed. */
function edit(change: (json: Record<string, any>) => void): string {
  const json = JSON.parse(file);
  change(json);
  return JSON.stringify(json);
}

describe('backup file format', () => {
  it('round trip: the same payload comes back, and the wrapped key signs like the original', async () => {
    const opened = await openBackup({ file, passphrase });
    expect(opened.payload).toEqual({ ...payload, wrapped });
    expect(opened.header.version).toBe(BACKUP_VERSION);
    expect(opened.header.kdf).toMatchObject({ name: 'scrypt', logN: MIN_LOG_N, r: 8, p: 1 });
    const key = await opened.unwrapPrivateKey({ wrapped });
    expect(key.algorithm.name).toBe('Ed25519');
    expect(key.extractable).toBe(true); // wrappable again for the next backup
    const data = new TextEncoder().encode('probe');
    const signature = await crypto.subtle.sign('Ed25519', key, data);
    expect(await crypto.subtle.verify('Ed25519', keyPair.publicKey, signature, data)).toBe(true);
  });

  it('keeps neither the passphrase nor the payload or the key readable in the file', () => {
    expect(file).not.toContain(passphrase);
    expect(file).not.toContain('vcalm-wallet"');
    expect(file).not.toContain('did:key');
    const header = readBackupHeader({ file });
    expect(header.format).toBe('vcalm-wallet-backup');
    expect(fromBase64url({ text: header.kdf.salt, field: 's' })).toHaveLength(16);
  });

  it('wrong passphrase: NotAllowedError', async () => {
    await expect(openBackup({ file, passphrase: 'lantern orchard velvet compasS' })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('passphrase'),
    });
  });

  it('a changed ciphertext byte: DataError (changed after it was made)', async () => {
    const tampered = edit((json) => {
      const bytes = fromBase64url({ text: json.ciphertext, field: 'c' });
      bytes[5] ^= 0x01;
      json.ciphertext = toBase64url({ bytes });
    });
    await expect(openBackup({ file: tampered, passphrase })).rejects.toMatchObject({
      name: 'DataError',
      message: expect.stringContaining('changed after it was made'),
    });
  });

  it('a changed header field (authenticated with the ciphertext): DataError', async () => {
    const tampered = edit((json) => {
      json.createdAt = '2020-01-01T00:00:00.000Z';
    });
    await expect(openBackup({ file: tampered, passphrase })).rejects.toMatchObject({ name: 'DataError' });
  });

  it('a truncated file: DataError (incomplete), before any passphrase work', async () => {
    for (const cut of [file.slice(0, file.length - 40), file.slice(0, 10), '']) {
      expect(() => readBackupHeader({ file: cut })).toThrow(expect.objectContaining({ name: 'DataError', message: expect.stringContaining('incomplete') }));
    }
    const shortCipher = edit((json) => {
      json.ciphertext = json.ciphertext.slice(0, 12);
    });
    await expect(openBackup({ file: shortCipher, passphrase })).rejects.toMatchObject({ name: 'DataError', message: expect.stringContaining('cut short') });
  });

  it('a ciphertext cut inside a block still fails as damaged, never as a wrong passphrase', async () => {
    const cut = edit((json) => {
      json.ciphertext = json.ciphertext.slice(0, json.ciphertext.length - 8);
    });
    await expect(openBackup({ file: cut, passphrase })).rejects.toMatchObject({ name: 'DataError' });
  });

  it('a file from a newer version: NotSupportedError; not a backup: DataError', () => {
    const newer = edit((json) => {
      json.version = BACKUP_VERSION + 1;
    });
    expect(() => readBackupHeader({ file: newer })).toThrow(expect.objectContaining({ name: 'NotSupportedError', message: expect.stringContaining('newer wallet') }));
    expect(() => readBackupHeader({ file: '{"hello":1}' })).toThrow(expect.objectContaining({ name: 'DataError', message: 'This file is not a wallet backup.' }));
    const cheapKdf = edit((json) => {
      json.kdf.logN = 10;
    });
    expect(() => readBackupHeader({ file: cheapKdf })).toThrow(expect.objectContaining({ name: 'DataError', message: expect.stringContaining('logN') }));
  });

  it('refuses a weak passphrase (ConstraintError) and a key the browser will not export (NotSupportedError)', async () => {
    await expect(createBackupSealer({ passphrase: 'short', logN: MIN_LOG_N })).rejects.toMatchObject({ name: 'ConstraintError' });
    await expect(createBackupSealer({ passphrase: 'aaaaaaaaaaaaaaaa', logN: MIN_LOG_N })).rejects.toMatchObject({ name: 'ConstraintError' });
    const locked = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const sealer = await createBackupSealer({ passphrase, logN: MIN_LOG_N });
    await expect(sealer.wrapPrivateKey({ key: locked.privateKey })).rejects.toMatchObject({ name: 'NotSupportedError' });
  });
});
