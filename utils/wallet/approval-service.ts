// Approval messages: read, list pending, answer, bring to front. A closed window declines.
import { serve } from '../messaging/serve';
import type { WalletContext } from './context';
import { namedError } from '../messaging/errors';
import type { ExchangeRunner } from './exchange-runner';

export function registerApprovalService({ ctx, runner }: { ctx: WalletContext; runner: ExchangeRunner }) {
  ctx.windows.onClosed(({ approvalId }) => void runner.windowClosed({ approvalId }));
  serve('getApproval', async ({ id }) => {
    const approval = await (await ctx.repos).approvals.get(id);
    if (!approval) throw namedError({ name: 'NotFoundError', message: `No approval ${id}.` });
    return approval.view;
  });
  serve('listApprovals', async () => {
    const all = await (await ctx.repos).approvals.list();
    return all.filter((a) => a.view.status === 'pending').map((a) => a.view);
  });
  serve('answerApproval', (data) => runner.answer(data));
  serve('showApproval', async ({ id }) => {
    const approval = await (await ctx.repos).approvals.get(id);
    if (!approval || approval.answer) return { shown: false };
    await ctx.windows.show({ approvalId: id, exchangeId: approval.exchangeId, focus: true });
    return { shown: true };
  });
}
