// Approval messages: read, list pending, answer, bring to front. A closed window declines.
// Answers go to the approval's owner: a feature's own (ctx.approvalOwners) or the exchange runner.
import { browser } from 'wxt/browser';
import { serve } from '../messaging/serve';
import { namedError } from '../messaging/errors';
import type { ApprovalOwner, WalletContext } from './context';
import type { ExchangeRunner } from './exchange-runner';
import { approvalView, windowKeyOf, type WalletExchange } from './records';
import { reopenIfNewSession } from './reopen-approvals';

export function registerApprovalService({ ctx, runner }: { ctx: WalletContext; runner: ExchangeRunner }) {
  const ownerOf = (approvalId: string): Pick<ApprovalOwner, 'answer' | 'windowClosed'> =>
    ctx.approvalOwners.find(approvalId) ?? runner;
  ctx.windows.onClosed(({ approvalId }) =>
    void ownerOf(approvalId).windowClosed({ approvalId }).catch((error) => {
      // Nobody waits on a closed window: log it for developers (the approval stays pending).
      console.error('[wallet] closing approval', approvalId, error);
    }));
  // A new browser session (the browser started again, or the extension reloaded): questions left
  // pending open their windows again.
  void reopenIfNewSession({ ctx, session: browser.storage.session }).catch((error) => console.error('[wallet] reopen approvals', error));
  serve('getApproval', async ({ id }) => {
    const approval = await (await ctx.db).approvals.get({ id });
    if (!approval?.payload) throw namedError({ name: 'NotFoundError', message: `No approval ${id}.` });
    return approvalView(approval);
  });
  serve('listApprovals', async () => {
    const pending = await (await ctx.db).approvals.listPending();
    return pending.filter((a) => a.payload).map(approvalView);
  });
  serve('answerApproval', (data) => ownerOf(data.id).answer(data));
  serve('showApproval', async ({ id }) => {
    const db = await ctx.db;
    const approval = await db.approvals.get({ id });
    if (!approval?.exchangeId || approval.decision) return { shown: false };
    // an exchange a CHAPI request started shows in that request's window (no exchange record: a CHAPI approval's own)
    const exchange = (await db.exchanges.get({ id: approval.exchangeId })) as WalletExchange | undefined;
    const windowKey = exchange ? windowKeyOf(exchange) : approval.exchangeId;
    await ctx.windows.show({ approvalId: id, exchangeId: approval.exchangeId, windowKey, focus: true });
    return { shown: true };
  });
}
