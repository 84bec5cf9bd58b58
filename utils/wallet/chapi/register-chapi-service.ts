// Composition: navigator.credentials requests from pages (CHAPI) → approvals in the wallet's
// own approval store and window → answers to the asking frame only. The approval service hands
// answers (and closed windows) for CHAPI approval ids ("chapi-…") to these requests, through
// ctx.approvalOwners; a get() that names an exchange runs it on the wallet's exchange runner.
import { browser } from 'wxt/browser';
import { CHAPI_PORT } from '../../chapi/port-messages';
import type { WalletContext } from '../context';
import type { ExchangeRunner } from '../exchange-runner';
import { createChapiRequests, type ChapiRequests } from './chapi-requests';
import { frameFromSender } from './frame';
import { servePort, type ServedPort } from './serve-port';
import { registerChapiStubs, serveChapiLoads } from './register-chapi-scripts';

export function registerChapiService({ ctx, runner }: { ctx: WalletContext; runner: ExchangeRunner }): ChapiRequests {
  const requests = createChapiRequests({
    ctx,
    exchanges: { start: (data) => runner.start(data), settled: (data) => runner.settled(data) },
  });

  ctx.approvalOwners.add(requests);

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== CHAPI_PORT) return;
    const frame = frameFromSender({ sender: port.sender, extensionId: browser.runtime.id });
    if (!frame) {
      port.disconnect();
      return;
    }
    servePort({ port: port as unknown as ServedPort, frame, requests });
  });

  // every page gets only the small stubs; the rest is loaded into a frame when it first asks
  serveChapiLoads();
  void registerChapiStubs().catch((error) => console.error('[wallet] CHAPI page scripts', error));

  void requests.endStale().catch((error) => console.error('[wallet] ending stale CHAPI requests', error));
  return requests;
}

