// After the browser restarts, approval windows are gone but their questions are still pending in
// IndexedDB: open them again instead of leaving them behind the popup's banner. (A worker that
// merely went idle keeps its windows; the runner's resume shows nothing new then.) Approvals a
// feature owns itself (CHAPI requests, whose pages died with the browser) are left to that feature.
import type { WalletContext } from './context';
import { windowKeyOf, type WalletExchange } from './records';

export async function reopenPendingApprovals({ ctx }: { ctx: WalletContext }): Promise<string[]> {
  const db = await ctx.db;
  const reopened: string[] = [];
  for (const approval of await db.approvals.listPending()) {
    if (!approval.exchangeId || ctx.approvalOwners.find(approval.id)) continue;
    const exchange = (await db.exchanges.get({ id: approval.exchangeId })) as WalletExchange | undefined;
    if (!exchange || exchange.approvalId !== approval.id) continue; // the exchange has moved on; nothing to ask
    await ctx.windows.show({ approvalId: approval.id, exchangeId: approval.exchangeId, windowKey: windowKeyOf(exchange), focus: true });
    reopened.push(approval.id);
  }
  return reopened;
}
