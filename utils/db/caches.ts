// Two small caches: the last status check of each stored credential, and fetched render templates.
import type { CredentialStatusResult } from '../crypto';
import { isPlainObject, requireString } from './errors';
import type { RenderTemplateRecord, StatusCheckRecord, WalletIdb } from './schema';

export interface StatusChecksRepository {
  get(options: { credentialId: string }): Promise<StatusCheckRecord | undefined>;
  put(options: { credentialId: string; result: CredentialStatusResult }): Promise<StatusCheckRecord>;
  delete(options: { credentialId: string }): Promise<void>;
}

export interface RenderTemplatesRepository {
  get(options: { url: string }): Promise<RenderTemplateRecord | undefined>;
  put(record: RenderTemplateRecord): Promise<void>;
}

export function createStatusChecksRepository({ idb }: { idb: WalletIdb }): StatusChecksRepository {
  return {
    get: ({ credentialId }) => idb.get('statusChecks', requireString(credentialId, 'credentialId')),
    async put({ credentialId, result }) {
      requireString(credentialId, 'credentialId');
      if (!isPlainObject(result) || typeof result.state !== 'string' || Number.isNaN(Date.parse(result.checkedAt))) {
        throw new TypeError('"result" must be a status check result {state, checkedAt, entries}.');
      }
      const record = { credentialId, result };
      await idb.put('statusChecks', record);
      return record;
    },
    async delete({ credentialId }) {
      await idb.delete('statusChecks', requireString(credentialId, 'credentialId'));
    },
  };
}

export function createRenderTemplatesRepository({ idb }: { idb: WalletIdb }): RenderTemplatesRepository {
  return {
    get: ({ url }) => idb.get('renderTemplates', requireString(url, 'url')),
    async put(record) {
      if (!isPlainObject(record)) throw new TypeError('"record" must be an object.');
      requireString(record.url, 'url');
      if (typeof record.body !== 'string') throw new TypeError('"body" must be a string.');
      await idb.put('renderTemplates', { url: record.url, body: record.body, mediaType: String(record.mediaType), fetchedAt: String(record.fetchedAt) });
    },
  };
}
