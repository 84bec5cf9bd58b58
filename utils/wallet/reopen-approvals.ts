// After the browser restarts (or the extension reloads), approval windows are gone but their
// questions are still pending in IndexedDB: open them again instead of leaving them behind the popup's banner. (A worker that
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

const SESSION_MARK = 'walletSessionStarted';

/** What browser-session storage the check needs (browser.storage.session in the worker). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Call on every worker start. storage.session starts empty with each browser session (and after
 * the extension is reloaded, which also closes its windows), so an unmarked session means the
 * approval windows are gone: reopen the pending ones, once. A worker that merely went idle finds
 * its mark and reopens nothing. (runtime.onStartup alone did not bring the window back in the
 * restart e2e; this does not depend on which start event the browser sends.)
 */
export async function reopenIfNewSession({ ctx, session }: { ctx: WalletContext; session: SessionArea }): Promise<string[]> {
  if ((await session.get(SESSION_MARK))[SESSION_MARK]) return [];
  await session.set({ [SESSION_MARK]: true });
  return reopenPendingApprovals({ ctx });
}
