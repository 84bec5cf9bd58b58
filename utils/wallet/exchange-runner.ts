// Runs exchanges in the background: the utils/vcalm step machine, with the exchange saved after
// every step (and before every POST) and every HTTP message saved as it ends. When the machine
// waits for the user, the runner saves an approval, shows it and stops; the answer (or a
// restarted worker) picks the exchange up again from IndexedDB. Nothing lives only in memory.
import { toErrorJson } from '../vcalm/errors';
import type { ExchangeInput } from '../vcalm/events';
import { next } from '../vcalm/next';
import { createExchange, TERMINAL_STATUSES, type ExchangeState } from '../vcalm/state';
import type { ApprovalAnswer, ApprovalView, ExchangeSource, ExchangeView } from '../messaging';
import { namedError } from '../messaging/errors';
import { approvalIdFor, createApproval, inputForAnswer } from './approval-flow';
import type { WalletContext } from './context';
import type { ApprovalRecord, ExchangeRecord } from './records';
import { isFinished, toExchangeView } from './views';

const MAX_ROUNDS = 64;

export type ExchangeRunner = ReturnType<typeof createExchangeRunner>;

export function createExchangeRunner(ctx: WalletContext) {
  const now = () => ctx.now?.() ?? new Date();

  async function load(id: string): Promise<ExchangeRecord> {
    const record = await (await ctx.repos).exchanges.get(id);
    if (!record) throw namedError({ name: 'NotFoundError', message: `No exchange ${id} in this wallet.` });
    return record;
  }

  async function save(record: ExchangeRecord): Promise<ExchangeRecord> {
    const saved = { ...record, updatedAt: now().toISOString() };
    await (await ctx.repos).exchanges.put(saved);
    ctx.events.emit({ type: 'exchange', exchange: toExchangeView(saved) });
    return saved;
  }

  async function saveApproval(approval: ApprovalRecord): Promise<void> {
    await (await ctx.repos).approvals.put(approval);
    ctx.events.emit({ type: 'approval', approval: approval.view });
  }

  /** End an exchange as failed for a wallet-side reason (the machine's own failures arrive as state). */
  async function fail(record: ExchangeRecord, error: unknown): Promise<ExchangeRecord> {
    const state: ExchangeState = { ...record.state, status: 'failed', error: toErrorJson({ error }) };
    for (const key of ['pending', 'outgoing', 'offered', 'queued', 'request'] as const) delete state[key];
    return save({ ...record, state, approvalId: undefined });
  }

  /**
   * Advance until the exchange ends or waits for the user. Callers hold the exchange's lock.
   * `input` answers the step the record waits at.
   */
  async function run(start: ExchangeRecord, input?: ExchangeInput, { focus = true } = {}): Promise<ExchangeRecord> {
    let record = start;
    let pending = input;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if (isFinished(record)) return record;
        const waiting = record.state.status === 'request' || record.state.status === 'credentials';
        if (waiting && !pending) return await ask(record, { focus });
        const repos = await ctx.repos;
        const exchangeId = record.id;
        const result = await next({
          state: record.state,
          input: pending,
          fetch: ctx.fetch,
          limits: ctx.limits,
          onMessage: async (message) => {
            await repos.messages.add(message);
            ctx.events.emit({ type: 'transcript', exchangeId, seq: message.seq });
          },
          checkpoint: async (state) => {
            record = await save({ ...record, state });
          },
        });
        pending = undefined;
        record = await save({ ...record, state: result.state, approvalId: undefined });
      }
      return await fail(record, namedError({ name: 'StepLimitError', message: 'The exchange did not settle.' }));
    } catch (error) {
      return fail(record, error);
    }
  }

  /** Save (or find) the approval the record waits for, then show it — or act on a saved answer. */
  async function ask(record: ExchangeRecord, { focus }: { focus: boolean }): Promise<ExchangeRecord> {
    const repos = await ctx.repos;
    const id = approvalIdFor(record)!;
    let approval = await repos.approvals.get(id);
    if (approval?.answer) {
      // Answered before the worker stopped; finish what the user decided.
      const next = await inputForAnswer({ ctx, record, approval });
      return run(await save(next.record), next.input, { focus });
    }
    if (!approval) {
      approval = await createApproval({ ctx, record });
      await saveApproval(approval);
    }
    const saved = await save({ ...record, approvalId: id });
    await ctx.windows.show({ approvalId: id, exchangeId: record.id, focus }).catch(() => undefined);
    return saved;
  }

  /** Validate the URL (named errors), save the exchange, run it in the background. */
  async function start({ url, source, pageOrigin }: { url: string; source: ExchangeSource; pageOrigin?: string }): Promise<ExchangeView> {
      const state = createExchange({ interactionUrl: url, limits: ctx.limits, now: now().getTime() });
      const at = now().toISOString();
      const record = await save({
        id: state.id, source, ...(pageOrigin ? { pageOrigin } : {}), state,
        credentialIds: [], notes: [], createdAt: at, updatedAt: at,
      });
      void ctx.lock(record.id, () => run(record));
      return toExchangeView(record);
  }

  async function answer(answer: ApprovalAnswer & { reason?: string }): Promise<ApprovalView> {
      const repos = await ctx.repos;
      const first = await repos.approvals.get(answer.id);
      if (!first) throw namedError({ name: 'NotFoundError', message: `No approval ${answer.id}.` });
      return ctx.lock(first.exchangeId, async () => {
        const approval = (await repos.approvals.get(answer.id))!;
        if (approval.answer) {
          throw namedError({ name: 'InvalidStateError', message: `This request was already ${approval.view.status}.` });
        }
        const record = await load(approval.exchangeId);
        if (approvalIdFor(record) !== approval.id) {
          throw namedError({ name: 'InvalidStateError', message: 'The exchange is no longer waiting for this answer.' });
        }
        const answered: ApprovalRecord = {
          ...approval,
          view: { ...approval.view, status: answer.approve ? 'approved' : 'declined' },
          answer: {
            approve: answer.approve,
            ...(answer.selections ? { selections: answer.selections } : {}),
            ...(answer.accept ? { accept: answer.accept } : {}),
            at: now().toISOString(),
          },
        };
        await saveApproval(answered);
        // Carry it out after replying, still under the exchange's lock.
        void ctx.lock(record.id, async () => {
          const current = await load(record.id);
          if (approvalIdFor(current) !== answered.id || isFinished(current)) return current;
          try {
            const step = await inputForAnswer({ ctx, record: current, approval: answered });
            return await run(await save(step.record), step.input);
          } catch (error) {
            return fail(current, error);
          }
        });
        return answered.view;
      });
  }

  /** A closed approval window declines whatever it was still asking. */
  async function windowClosed({ approvalId }: { approvalId: string }): Promise<void> {
      const approval = await (await ctx.repos).approvals.get(approvalId);
      if (!approval || approval.answer) return;
      await answer({ id: approvalId, approve: false }).catch(() => undefined);
  }

  /** On worker start: continue every exchange that was mid-flight (or end it cleanly). */
  async function resumeAll(): Promise<void> {
      const records = await (await ctx.repos).exchanges.list();
      await Promise.all(
        records
          .filter((r) => !TERMINAL_STATUSES.includes(r.state.status))
          .map((r) => ctx.lock(r.id, async () => run(await load(r.id), undefined, { focus: false }))),
      );
  }

  async function list(): Promise<ExchangeView[]> {
    const records = await (await ctx.repos).exchanges.list();
    return records.map(toExchangeView).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async function get({ id }: { id: string }): Promise<ExchangeView> {
    return toExchangeView(await load(id));
  }

  return { start, answer, windowClosed, resumeAll, list, get };
}
