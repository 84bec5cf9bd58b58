// Credential messages: list, read, delete.
import { serve } from '../messaging/serve';
import { namedError } from '../messaging/errors';
import type { WalletContext } from './context';
import { toCredentialView } from './views';

export function registerCredentialService({ ctx }: { ctx: WalletContext }) {
  serve('listCredentials', async () => (await (await ctx.db).credentials.list()).map(toCredentialView));
  serve('getCredential', async ({ id }) => {
    const record = await (await ctx.db).credentials.get({ id });
    if (!record) throw namedError({ name: 'NotFoundError', message: `No credential ${id} in this wallet.` });
    return { ...toCredentialView(record), credential: record.credential };
  });
  serve('deleteCredential', async ({ id }) => {
    const deleted = await (await ctx.db).credentials.delete({ id });
    if (deleted) ctx.events.emit({ type: 'credentials' });
    return { deleted };
  });
}
