// The popup's backup view: make a backup file, restore one, import credentials. The background
// does the cryptography; this store carries the passphrase there once and keeps the results.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { sendMessage, type BackupFile, type ImportResult, type RestoreResult, fromWire, type WireError } from '../utils/messaging';

type Action = 'create' | 'restore' | 'import';

export const useBackupStore = defineStore('backup', () => {
  const busy = ref<Action | undefined>();
  const error = ref<{ action: Action; error: WireError } | undefined>();
  const created = ref<Omit<BackupFile, 'file'> | undefined>();
  const restored = ref<RestoreResult | undefined>();
  const imported = ref<ImportResult | undefined>();

  async function run<T>(action: Action, task: () => Promise<T>): Promise<T | undefined> {
    busy.value = action;
    error.value = undefined;
    try {
      return await task();
    } catch (e) {
      error.value = { action, error: fromWire({ error: e }) };
      return undefined;
    } finally {
      busy.value = undefined;
    }
  }

  /** Returns the file to save; the view saves it (a download needs the page). */
  async function create({ passphrase, includeHistory, leaveLockedKeys = false }: { passphrase: string; includeHistory: boolean; leaveLockedKeys?: boolean }) {
    created.value = undefined;
    const backup = await run('create', () => sendMessage('createBackup', { passphrase, includeHistory, leaveLockedKeys }));
    if (backup) {
      const { file: _file, ...summary } = backup;
      void _file;
      created.value = summary;
    }
    return backup;
  }

  async function restore({ file, passphrase }: { file: string; passphrase: string }) {
    restored.value = await run('restore', () => sendMessage('restoreBackup', { file, passphrase }));
    return restored.value;
  }

  async function importText({ text }: { text: string }) {
    imported.value = await run('import', () => sendMessage('importCredentials', { text }));
    return imported.value;
  }

  return { busy, error, created, restored, imported, create, restore, importText };
});
