// Exchange messages: start from an interaction URL, list, read one.
import { serve } from '../messaging/serve';
import type { WalletContext } from './context';
import type { ExchangeRunner } from './exchange-runner';

export function registerExchangeService({ runner }: { ctx: WalletContext; runner: ExchangeRunner }) {
  serve('startExchange', (data) => runner.start(data));
  serve('listExchanges', () => runner.list());
  serve('getExchange', (data) => runner.get(data));
}
