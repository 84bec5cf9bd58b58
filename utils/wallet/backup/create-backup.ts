// Whole-wallet backup, made in the background: every holder key (its private half wrapped under
// the passphrase-derived key-wrapping key — see utils/backup/format.ts), every credential, the
// settings and, when asked, the exchange history; all of it encrypted into one file.
// A key made before backups existed is a non-extractable CryptoKey: WebCrypto will not wrap it,
// so no file can carry it. Such a wallet is refused by name (before any passphrase work) unless
// the user chose to back up without it: then the file names the DIDs left behind.
import { createBackupSealer, PAYLOAD_KIND, type BackupKey, type BackupPayload } from '../../backup';
import { namedError } from '../../errors';
import type { WalletKey } from '../../crypto';
import type { BackupFile } from '../../messaging';
import type { WalletContext } from '../context';

/** The DIDs whose private keys WebCrypto will not let leave (non-extractable CryptoKeys). */
function lockedKeys(keys: { key: WalletKey }[]): string[] {
  return keys.filter(({ key }) => key.privateKey && !key.privateKey.extractable && !key.secretKeyMultibase).map(({ key }) => key.did);
}

export async function createWalletBackup({ ctx, passphrase, includeHistory, leaveLockedKeys = false, logN }: {
  ctx: WalletContext;
  passphrase: string;
  includeHistory: boolean;
  /** Back up without the keys that cannot leave (their DIDs are named in the file and the result). */
  leaveLockedKeys?: boolean;
  /** scrypt cost (tests use the lowest accepted); the default is utils/backup's. */
  logN?: number;
}): Promise<BackupFile> {
  const now = ctx.now?.() ?? new Date();
  await ctx.key(); // a wallet that never ran still gets its key, so the backup has one
  const snapshot = await (await ctx.db).backup.snapshot({ includeHistory });
  const locked = lockedKeys(snapshot.keys);
  if (locked.length && !leaveLockedKeys) {
    throw namedError({
      name: 'NotSupportedError',
      message: `The key of ${locked.join(', ')} was made before backups existed: the browser will not let it leave, ` +
        'so no backup can carry it. You can back up without it: your credentials are saved, but proving they are ' +
        'yours then works only in this browser.',
    });
  }
  const sealer = await createBackupSealer({ passphrase, now, ...(logN ? { logN } : {}) });
  const keys: BackupKey[] = [];
  for (const { key, createdAt } of snapshot.keys) {
    const common = { did: key.did, verificationMethod: key.verificationMethod, publicKeyMultibase: key.publicKeyMultibase, createdAt };
    if (locked.includes(key.did)) continue; // left behind, named below
    if (key.privateKey) keys.push({ ...common, privateKey: await sealer.wrapPrivateKey({ key: key.privateKey }) });
    else if (key.secretKeyMultibase) keys.push({ ...common, secretKeyMultibase: key.secretKeyMultibase });
    else throw namedError({ name: 'NotSupportedError', message: `The key of ${key.did} has no private half to back up.` });
  }
  const payload: BackupPayload = {
    kind: PAYLOAD_KIND,
    keys,
    ...(locked.length ? { keysLeftBehind: locked } : {}),
    credentials: snapshot.credentials.map((c) => ({
      credential: c.credential,
      verification: c.verification as unknown as Record<string, unknown> | null,
      addedAt: c.addedAt,
      source: c.source,
    })),
    settings: {},
    ...(includeHistory
      ? {
          history: {
            exchanges: (snapshot.exchanges ?? []) as unknown as Record<string, unknown>[],
            messages: (snapshot.messages ?? []) as unknown as Record<string, unknown>[],
          },
        }
      : {}),
  };
  return {
    file: await sealer.seal({ payload }),
    filename: `vcalm-wallet-backup-${now.toISOString().slice(0, 10)}.json`,
    keys: keys.length,
    credentials: payload.credentials.length,
    exchanges: snapshot.exchanges?.length ?? 0,
    keysLeftBehind: locked,
  };
}
