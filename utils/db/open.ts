import { openDB } from 'idb';
import { createApprovalsRepository, type ApprovalsRepository } from './approvals';
import { createBackupRepository, type BackupRepository } from './backup';
import { createCredentialsRepository, type CredentialsRepository } from './credentials';
import {
  createRenderTemplatesRepository,
  createStatusChecksRepository,
  type RenderTemplatesRepository,
  type StatusChecksRepository,
} from './caches';
import { monotonicClock, type Clock } from './clock';
import { dbError } from './errors';
import { createExchangesRepository, type ExchangesRepository } from './exchanges';
import { createKeysRepository, type KeysRepository } from './keys';
import { createMessagesRepository, type MessagesRepository } from './messages';
import { DB_VERSION, DEFAULT_DB_NAME, MIGRATIONS, type WalletIdb, type WalletSchema } from './schema';
import { hasErrorName } from '../errors';

export interface WalletDb {
  name: string;
  version: number;
  keys: KeysRepository;
  credentials: CredentialsRepository;
  exchanges: ExchangesRepository;
  messages: MessagesRepository;
  approvals: ApprovalsRepository;
  /** Whole-wallet snapshot and restore (utils/wallet/backup). */
  backup: BackupRepository;
  statusChecks: StatusChecksRepository;
  renderTemplates: RenderTemplatesRepository;
  /** The raw idb handle, for tests and migrations only. */
  idb: WalletIdb;
  close(): void;
}

/**
 * Opens (creating or upgrading) the wallet database. Services take the returned
 * Promise, since WXT's background main() cannot await. A database written by a
 * newer wallet version fails with VersionError; another context's pending
 * upgrade makes this connection close itself so the upgrade can proceed.
 */
export async function openWalletDb({
  name = DEFAULT_DB_NAME,
  version = DB_VERSION,
  now = monotonicClock(),
}: { name?: string; version?: number; now?: Clock } = {}): Promise<WalletDb> {
  if (typeof name !== 'string' || !name) throw new TypeError('"name" must be a non-empty string.');
  if (!Number.isInteger(version) || version < 1 || version > DB_VERSION) {
    throw new TypeError(`"version" must be an integer from 1 to ${DB_VERSION}.`);
  }
  if (typeof indexedDB === 'undefined') {
    throw dbError({ name: 'NotSupportedError', message: 'IndexedDB is not available here.' });
  }
  let idb: WalletIdb;
  try {
    idb = await openDB<WalletSchema>(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v](db, tx);
      },
      blocking() {
        idb?.close();
      },
    });
  } catch (cause) {
    const error = cause as { name?: string; message?: string };
    throw dbError({
      name: hasErrorName(error, 'VersionError') ? 'VersionError' : 'OperationError',
      message:
        hasErrorName(error, 'VersionError')
          ? `The wallet database "${name}" was written by a newer wallet version.`
          : `The wallet database "${name}" could not be opened: ${error?.message ?? cause}`,
      cause,
    });
  }
  return {
    name,
    version: idb.version,
    keys: createKeysRepository({ idb, now }),
    credentials: createCredentialsRepository({ idb, now }),
    exchanges: createExchangesRepository({ idb, now }),
    messages: createMessagesRepository({ idb }),
    approvals: createApprovalsRepository({ idb, now }),
    backup: createBackupRepository({ idb, now }),
    statusChecks: createStatusChecksRepository({ idb }),
    renderTemplates: createRenderTemplatesRepository({ idb }),
    idb,
    close: () => idb.close(),
  };
}
