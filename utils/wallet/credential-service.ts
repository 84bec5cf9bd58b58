// Credential messages: list, read, delete, check status.
import { serve } from '../messaging/serve';
import { namedError } from '../messaging/errors';
import type { WalletContext } from './context';
import { statusCheckerFor, statusView, STATUS_FRESH_MS } from './credential-status';
import { toCredentialView } from './views';
import { cardFor } from './card-templates';

export function registerCredentialService({ ctx }: { ctx: WalletContext }) {
  const checker = statusCheckerFor(ctx);
  let refreshing = false;

  /** Re-checks stale statuses after a list is read; tells the pages when one changed. */
  async function refreshStale() {
    if (refreshing) return;
    refreshing = true;
    try {
      const db = await ctx.db;
      const now = (ctx.now?.() ?? new Date()).getTime();
      let changed = false;
      for (const record of await db.credentials.list()) {
        const kept = (await db.statusChecks.get({ credentialId: record.id }))?.result;
        if (kept && now - Date.parse(kept.checkedAt) < STATUS_FRESH_MS) continue;
        if (record.credential.credentialStatus === undefined) continue;
        const fresh = await checker.current({ credentialId: record.id, credential: record.credential });
        changed ||= fresh.state !== kept?.state;
      }
      if (changed) ctx.events.emit({ type: 'credentials' });
    } catch {
      // best effort: the next list or an opened card checks again
    } finally {
      refreshing = false;
    }
  }

  serve('listCredentials', async () => {
    const db = await ctx.db;
    const records = await db.credentials.list();
    const views = await Promise.all(
      records.map(async (record) => toCredentialView(record, (await db.statusChecks.get({ credentialId: record.id }))?.result)),
    );
    void refreshStale();
    return views;
  });
  serve('getCredential', async ({ id }) => {
    const db = await ctx.db;
    const record = await db.credentials.get({ id });
    if (!record) throw namedError({ name: 'NotFoundError', message: `No credential ${id} in this wallet.` });
    const status = (await db.statusChecks.get({ credentialId: id }))?.result;
    return { ...toCredentialView(record, status), credential: record.credential };
  });
  serve('checkCredentialStatus', async ({ id }) => {
    const db = await ctx.db;
    const record = await db.credentials.get({ id });
    if (!record) throw namedError({ name: 'NotFoundError', message: `No credential ${id} in this wallet.` });
    const before = (await db.statusChecks.get({ credentialId: id }))?.result.state;
    const result = await checker.refresh({ credentialId: id, credential: record.credential });
    if (result.state !== before) ctx.events.emit({ type: 'credentials' });
    return statusView({ result });
  });
  serve('renderCredential', async ({ id }) => {
    const record = await (await ctx.db).credentials.get({ id });
    if (!record) throw namedError({ name: 'NotFoundError', message: `No credential ${id} in this wallet.` });
    return cardFor({ ctx, credential: record.credential });
  });
  serve('deleteCredential', async ({ id }) => {
    const db = await ctx.db;
    const deleted = await db.credentials.delete({ id });
    await db.statusChecks.delete({ credentialId: id });
    if (deleted) ctx.events.emit({ type: 'credentials' });
    return { deleted };
  });
}
