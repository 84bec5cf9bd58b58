// Inspector messages: the inspector pages read the wallet's records through the background,
// the only context that opens the database (utils/inspect's source does the reading).
import { createDbSource } from '../inspect/source';
import { serve } from '../messaging/serve';
import type { WalletContext } from './context';

export function registerInspectorService({ ctx }: { ctx: Pick<WalletContext, 'db'> }) {
  const source = createDbSource({ db: ctx.db });
  serve('inspectExchanges', () => source.listExchanges());
  serve('inspectExchange', async ({ id }) => (await source.getExchange({ id })) ?? null);
  serve('inspectMessages', ({ exchangeId }) => source.messages({ exchangeId }));
  serve('inspectApprovals', ({ exchangeId }) => source.approvals({ exchangeId }));
  serve('inspectCredentials', () => source.credentials());
  serve('clearHistory', async ({ all }) => ({ removed: await source.clearHistory({ all: all ?? false }) }));
}
