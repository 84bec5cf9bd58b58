// Backup messages: make a backup file, restore one, import credentials. One at a time per wallet.
import { serve } from '../../messaging/serve';
import type { WalletContext } from '../context';
import { createWalletBackup } from './create-backup';
import { importCredentials } from './import-credentials';
import { restoreWalletBackup } from './restore-backup';

const LOCK = 'wallet-backup';

export function registerBackupService({ ctx }: { ctx: WalletContext }) {
  serve('createBackup', ({ passphrase, includeHistory, leaveLockedKeys }) =>
    ctx.lock(LOCK, () => createWalletBackup({ ctx, passphrase, includeHistory, leaveLockedKeys: leaveLockedKeys === true })));
  serve('restoreBackup', ({ file, passphrase }) => ctx.lock(LOCK, () => restoreWalletBackup({ ctx, file, passphrase })));
  serve('importCredentials', ({ text }) => importCredentials({ ctx, text }));
}
