// Runs exchanges in the background: the utils/vcalm step machine, with the exchange saved after
// every step (and before every POST) and every HTTP message saved as it ends. When the machine
// waits for the user, the runner saves an approval, shows it and stops; the answer (or a
// restarted worker) picks the exchange up again from IndexedDB. Nothing lives only in memory.
import { createExchange, toErrorJson } from '../vcalm';
import { holderFromKeys } from './holder';
import { startState, stepExchange, type AnyExchangeInput, type AnyExchangeState } from './protocol-engine';
import type { ApprovalAnswer, ApprovalView, ExchangeSource, ExchangeView, StartExchangeData } from '../messaging';
import { namedError } from '../messaging/errors';
import { approvalIdFor, createApproval, decisionFor, inputForDecision } from './approval-flow';
import { holderKeysOf, type WalletContext } from './context';
import { mayReachLocalNetwork } from './local-network';
import { approvalView, windowKeyOf, type WalletApproval, type WalletExchange } from './records';
import { isFinished, toExchangeView } from './views';
import { hasErrorName } from '../errors';

const MAX_ROUNDS = 64;

const kindOf = (approval: WalletApproval) => approval.payload.view.kind;

export type ExchangeRunner = ReturnType<typeof createExchangeRunner>;

/**
 * What start() takes: any entry form (`url`, as the popup's startExchange message carries: an
 * interaction URL, an OpenID4VP link, a VC-API exchange URL, a wallet deep link …), or —
 * for internal callers only, such as the CHAPI service — a VC-API exchange URL (`exchangeUrl`)
 * or an OpenID link to run with the named engine (`entry` + `protocol`), either in the caller's
 * window (`windowKey`).
 */
export type StartExchangeInput =
  | (StartExchangeData & { exchangeUrl?: undefined; entry?: undefined })
  | { exchangeUrl: string; url?: undefined; entry?: undefined; source: ExchangeSource; pageOrigin?: string; windowKey?: string }
  | { entry: string; protocol: 'oid4vp' | 'oid4vci'; exchangeUrl?: undefined; url?: undefined; source: ExchangeSource; pageOrigin?: string; windowKey?: string };

function firstInteractionUrl(state: AnyExchangeState): string | undefined {
  return state.interactionUrls[0] ?? state.interactionUrl;
}

/** The fields utils/db's history list reads, kept in step with the machine's state. */
function summaryFields(record: Pick<WalletExchange, 'state'>) {
  const { state } = record;
  return {
    origin: state.exchangeUrl ? new URL(state.exchangeUrl).origin : state.origin,
    // absent for an exchange started from its exchange URL (CHAPI): there was no interaction URL
    ...(firstInteractionUrl(state) ? { interactionUrl: firstInteractionUrl(state) } : {}),
    ...(state.status === 'failed' || state.status === 'declined'
      ? { error: { name: state.error?.name ?? 'OperationError', message: state.error?.message ?? 'The exchange failed.' } }
      : {}),
  };
}

export function createExchangeRunner(ctx: WalletContext) {
  const now = () => ctx.now?.() ?? new Date();
  /** Who waits for an exchange to end (settled()); told by save() as the exchange finishes. */
  const waiters = new Map<string, Set<(view: ExchangeView) => void>>();

  async function load(id: string): Promise<WalletExchange> {
    const record = (await (await ctx.db).exchanges.get({ id })) as WalletExchange | undefined;
    if (!record) throw namedError({ name: 'NotFoundError', message: `No exchange ${id} in this wallet.` });
    return record;
  }

  async function save(record: WalletExchange): Promise<WalletExchange> {
    const { id, createdAt: _c, updatedAt: _u, ...patch } = record;
    void _c;
    void _u;
    const saved = (await (await ctx.db).exchanges.saveStep({
      id,
      patch: { ...patch, ...summaryFields(record), status: record.state.status },
    })) as WalletExchange;
    const view = toExchangeView(saved);
    ctx.events.emit({ type: 'exchange', exchange: view });
    if (isFinished(saved)) for (const resolve of waiters.get(id) ?? []) resolve(view);
    return saved;
  }

  function emitApproval(approval: WalletApproval) {
    ctx.events.emit({ type: 'approval', approval: approvalView(approval) });
  }

  /** End an exchange as failed for a wallet-side reason (the machine's own failures arrive in its state). */
  async function fail(record: WalletExchange, error: unknown): Promise<WalletExchange> {
    const state = { ...record.state, status: 'failed', error: toErrorJson({ error }) } as AnyExchangeState & Record<string, unknown>;
    for (const key of ['pending', 'outgoing', 'offered', 'queued', 'request', 'accessToken', 'cNonce', 'txCodeValue'] as const) delete state[key];
    return save({ ...record, state, approvalId: undefined });
  }

  /** Advance until the exchange ends or waits for the user. Callers hold the exchange's lock. */
  async function run(start: WalletExchange, input?: AnyExchangeInput, { focus = true } = {}): Promise<WalletExchange> {
    let record = start;
    let pending = input;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if (isFinished(record)) return record;
        const waiting = ['request', 'credentials', 'pin'].includes(record.state.status);
        if (waiting && !pending) return await ask(record, { focus });
        const db = await ctx.db;
        const exchangeId = record.id;
        const result = await stepExchange({
          holder: holderFromKeys({ keys: holderKeysOf(ctx) }),
          ...ctx.engineServices?.(),
          state: record.state,
          input: pending,
          fetch: ctx.fetch,
          limits: ctx.limits,
          onMessage: async (message) => {
            await db.messages.append({ message });
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

  /** Save (or find) the approval the exchange waits for and show it — or act on a saved decision. */
  async function ask(record: WalletExchange, { focus }: { focus: boolean }): Promise<WalletExchange> {
    const db = await ctx.db;
    const id = approvalIdFor(record)!;
    let approval = (await db.approvals.get({ id })) as WalletApproval | undefined;
    if (approval?.decision) {
      // Decided before the worker stopped: finish what the user said.
      const step = await inputForDecision({ ctx, record, approval });
      return run(await save(step.record), step.input, { focus });
    }
    const fresh = !approval;
    if (!approval) {
      approval = await createApproval({ ctx, record });
      emitApproval(approval);
    }
    const saved = await save({ ...record, approvalId: id });
    // A new question always gets its window; one re-found after a restart is only re-shown if still open.
    // A window that cannot open (no browser window yet, a closed profile) leaves the approval
    // pending, not lost: the popup lists pending approvals with an "Open" button.
    await ctx.windows.show({ approvalId: id, exchangeId: record.id, windowKey: windowKeyOf(record), focus: focus || fresh }).catch((error) => {
      console.warn('[wallet] approval window not shown; the popup lists it as pending', error);
    });
    return saved;
  }

  /** Validate the URL (named errors), save the exchange, run it in the background. */
  async function start(data: StartExchangeInput): Promise<ExchangeView> {
    const { source, pageOrigin } = data;
    const windowKey = data.url === undefined ? data.windowKey : undefined;
    // an exchange URL from an internal caller (CHAPI) runs as vcapi; any other entry form is planned
    // (an OpenID4VCI offer link runs the OID4VCI engine)
    const state: AnyExchangeState = data.exchangeUrl !== undefined
      ? createExchange({ exchangeUrl: data.exchangeUrl, limits: ctx.limits, now: now().getTime(), privateNetwork: mayReachLocalNetwork({ pageOrigin }) })
      : await startState({
        text: data.url ?? data.entry, protocol: data.protocol, fetch: ctx.fetch, limits: ctx.limits, now: now().getTime(),
        privateNetwork: mayReachLocalNetwork({ pageOrigin }),
      });
    const fresh: Omit<WalletExchange, 'createdAt' | 'updatedAt'> = {
      id: state.id,
      status: state.status,
      source,
      ...(pageOrigin ? { pageOrigin } : {}),
      ...(windowKey ? { windowKey } : {}),
      state,
      credentialIds: [],
      notes: [],
    };
    const created = (await (await ctx.db).exchanges.create({ ...fresh, ...summaryFields(fresh) })) as WalletExchange;
    ctx.events.emit({ type: 'exchange', exchange: toExchangeView(created) });
    void ctx.lock(created.id, () => run(created));
    return toExchangeView(created);
  }

  async function answer(answer: ApprovalAnswer): Promise<ApprovalView> {
    const db = await ctx.db;
    const first = await db.approvals.get({ id: answer.id });
    if (!first?.exchangeId) throw namedError({ name: 'NotFoundError', message: `No approval ${answer.id}.` });
    return ctx.lock(first.exchangeId, async () => {
      const approval = (await db.approvals.get({ id: answer.id })) as WalletApproval;
      if (approval.decision) {
        throw namedError({ name: 'InvalidStateError', message: `This request was already ${approvalView(approval).status}.` });
      }
      const record = await load(approval.exchangeId!);
      if (approvalIdFor(record) !== approval.id || isFinished(record)) {
        throw namedError({ name: 'InvalidStateError', message: 'The exchange is no longer waiting for this answer.' });
      }
      const credentialIds = decisionFor({ approval, answer });
      const decided = (await db.approvals.decide({
        id: approval.id,
        decision: {
          approved: answer.approve,
          credentialIds,
          ...(answer.approve && kindOf(approval) === 'pin' && answer.txCode ? { txCode: answer.txCode } : {}),
        },
      })) as WalletApproval;
      emitApproval(decided);
      // Carry it out after replying, under the exchange's lock (queued behind this task).
      void ctx.lock(record.id, async () => {
        const current = await load(record.id);
        if (approvalIdFor(current) !== decided.id || isFinished(current)) return current;
        try {
          const step = await inputForDecision({ ctx, record: current, approval: decided });
          return await run(await save(step.record), step.input);
        } catch (error) {
          return fail(current, error);
        }
      });
      return approvalView(decided);
    });
  }

  /** A closed approval window declines whatever it was still asking. */
  async function windowClosed({ approvalId }: { approvalId: string }): Promise<void> {
    const approval = await (await ctx.db).approvals.get({ id: approvalId });
    if (!approval || approval.decision) return;
    // Already answered (the window closed after its own answer) or the exchange ended meanwhile:
    // nothing left to decline. Anything else is logged, the exchange shows its own state.
    await answer({ id: approvalId, approve: false }).catch((error) => {
      if (!hasErrorName(error, 'InvalidStateError')) console.warn('[wallet] declining on window close', error);
    });
  }

  /** On worker start: continue every exchange that was mid-flight, or end it cleanly. */
  async function resumeAll(): Promise<void> {
    const unfinished = await (await ctx.db).exchanges.listUnfinished();
    await Promise.all(
      unfinished.map((r) => ctx.lock(r.id, async () => run(await load(r.id), undefined, { focus: false }))),
    );
  }

  async function list(): Promise<ExchangeView[]> {
    const records = (await (await ctx.db).exchanges.list({ limit: 200 })) as WalletExchange[];
    return records.filter((r) => r.state).map(toExchangeView);
  }

  async function get({ id }: { id: string }): Promise<ExchangeView> {
    return toExchangeView(await load(id));
  }

  /** Resolves when the exchange has ended (at once if it already has); AbortError when `signal` aborts. */
  async function settled({ id, signal }: { id: string; signal?: AbortSignal }): Promise<ExchangeView> {
    let listener: ((view: ExchangeView) => void) | undefined;
    let onAbort: (() => void) | undefined;
    const ended = new Promise<ExchangeView>((resolve, reject) => {
      listener = resolve;
      onAbort = () => reject(namedError({ name: 'AbortError', message: 'Stopped waiting for the exchange.' }));
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const set = waiters.get(id) ?? new Set();
      set.add(resolve);
      waiters.set(id, set);
    });
    ended.catch(() => undefined); // awaited below; an abort during load() is not an unhandled rejection
    try {
      const current = await load(id); // registered first, so an end between the two is not missed
      return isFinished(current) ? toExchangeView(current) : await ended;
    } finally {
      const set = waiters.get(id);
      set?.delete(listener!);
      if (set && !set.size) waiters.delete(id);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  return { start, answer, windowClosed, resumeAll, list, get, settled };
}
