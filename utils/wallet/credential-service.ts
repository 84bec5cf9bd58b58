// Credential messages: list, read, delete.
import { serve } from '../messaging/serve';
import type { WalletContext } from './context';
import { namedError } from '../messaging/errors';
import { toCredentialView } from './views';

export function registerCredentialService({ ctx }: { ctx: WalletContext }) {
  serve('listCredentials', async () => {
    const all = await (await ctx.repos).credentials.list();
    return all.map(toCredentialView).sort((a, b) => b.storedAt.localeCompare(a.storedAt));
  });
  serve('getCredential', async ({ id }) => {
    const record = await (await ctx.repos).credentials.get(id);
    if (!record) throw namedError({ name: 'NotFoundError', message: `No credential ${id} in this wallet.` });
    return { ...toCredentialView(record), credential: record.credential };
  });
  serve('deleteCredential', async ({ id }) => {
    const deleted = await (await ctx.repos).credentials.delete(id);
    if (deleted) ctx.events.emit({ type: 'credentials' });
    return { deleted };
  });
}
