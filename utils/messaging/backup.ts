// Backup and restore of the whole wallet, and import of single credentials. The passphrase goes
// to the background, which does all the cryptography; the popup only saves and reads the file.
import type { Specs } from './spec';
import { boolean, object, optional, string } from './validate';

export interface BackupFile {
  /** The backup file's text (JSON, its body encrypted). */
  file: string;
  /** A file name to save it as. */
  filename: string;
  keys: number;
  credentials: number;
  exchanges: number;
  /** DIDs whose keys could not leave this browser (made before backups existed), when the user chose to back up without them. */
  keysLeftBehind: string[];
}

export interface RestoreResult {
  /** The wallet's DID after the restore (the backup's primary key). */
  did: string;
  keysAdded: number;
  credentialsAdded: number;
  credentialsKept: number;
  /** Stored credentials the backup had a different version of (the stored one was kept). */
  credentialsConflicting: number;
  exchangesAdded: number;
  /** DIDs whose keys the backup could not carry: their credentials restored, but proving they are yours needs the old browser. */
  keysLeftBehind: string[];
}

export interface ImportResult {
  imported: { id: string; name: string; status: 'added' | 'unchanged' }[];
}

export interface BackupProtocol {
  /**
   * `leaveLockedKeys`: back up even though some keys cannot leave this browser (made before
   * backups existed); without it such a wallet is refused with NotSupportedError.
   */
  createBackup(data: { passphrase: string; includeHistory: boolean; leaveLockedKeys?: boolean }): BackupFile;
  restoreBackup(data: { file: string; passphrase: string }): RestoreResult;
  /** One credential (JSON) or a presentation holding several; each verified before anything is stored. */
  importCredentials(data: { text: string }): ImportResult;
}

export const MAX_BACKUP_FILE_CHARS = 64 * 1024 * 1024;
export const MAX_IMPORT_CHARS = 4 * 1024 * 1024;

const passphrase = () => string({ min: 1, max: 1024 });

export const backupSpecs: Specs<BackupProtocol> = {
  createBackup: { access: 'extension', parse: object({ passphrase: passphrase(), includeHistory: boolean(), leaveLockedKeys: optional(boolean()) }) },
  restoreBackup: { access: 'extension', parse: object({ file: string({ min: 1, max: MAX_BACKUP_FILE_CHARS }), passphrase: passphrase() }) },
  importCredentials: { access: 'extension', parse: object({ text: string({ min: 1, max: MAX_IMPORT_CHARS }) }) },
};
