// Whole-wallet backup, made in the background: every holder key (its private half wrapped under
// the passphrase-derived key-wrapping key — see utils/backup/format.ts), every credential, the
// settings and, when asked, the exchange history; all of it encrypted into one file.
import { createBackupSealer, PAYLOAD_KIND, type BackupKey, type BackupPayload } from '../../backup';
import { namedError } from '../../errors';
import type { BackupFile } from '../../messaging';
import type { WalletContext } from '../context';

export async function createWalletBackup({ ctx, passphrase, includeHistory, logN }: {
  ctx: WalletContext;
  passphrase: string;
  includeHistory: boolean;
  /** scrypt cost (tests use the lowest accepted); the default is utils/backup's. */
  logN?: number;
}): Promise<BackupFile> {
  const now = ctx.now?.() ?? new Date();
  const sealer = await createBackupSealer({ passphrase, now, ...(logN ? { logN } : {}) });
  await ctx.key(); // a wallet that never ran still gets its key, so the backup has one
  const snapshot = await (await ctx.db).backup.snapshot({ includeHistory });
  const keys: BackupKey[] = [];
  for (const { key, createdAt } of snapshot.keys) {
    const common = { did: key.did, verificationMethod: key.verificationMethod, publicKeyMultibase: key.publicKeyMultibase, createdAt };
    if (key.privateKey) keys.push({ ...common, privateKey: await sealer.wrapPrivateKey({ key: key.privateKey }) });
    else if (key.secretKeyMultibase) keys.push({ ...common, secretKeyMultibase: key.secretKeyMultibase });
    else throw namedError({ name: 'NotSupportedError', message: `The key of ${key.did} has no private half to back up.` });
  }
  const payload: BackupPayload = {
    kind: PAYLOAD_KIND,
    keys,
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
  };
}
