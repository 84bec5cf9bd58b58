// The background's side of navigator.credentials: each get()/store() from a frame becomes an
// approval in the wallet's approval store and window; the answer is carried out here and goes
// back to that frame only. Requests live as long as the frame's port: when the page navigates
// or closes, the request is cancelled, its approval ends and a late answer reaches nobody.
import { normalizeGetRequest } from '../../chapi/normalize-get';
import { normalizeStoreRequest } from '../../chapi/normalize-store';
import type { WalletResult } from '../../chapi/page-messages';
import type { ApprovalAnswer, ApprovalView, ExchangeView } from '../../messaging';
import { namedError } from '../../errors';
import { decisionFor, signedPresentation, storeChosenOffers } from '../approval-flow';
import type { WalletContext } from '../context';
import type { StartExchangeInput } from '../exchange-runner';
import { checkOffers } from '../offer-checks';
import { checkPageExchangeUrl } from '../local-network';
import { approvalView, type ApprovalPayload, type WalletApproval } from '../records';
import { acceptView, exchangeConsentView, presentView, type ApprovalBody } from './approval-views';
import type { ChapiFrame } from './frame';

/** Approval ids of CHAPI requests start with this; the exchange runner's never do. */
export const CHAPI_APPROVAL_PREFIX = 'chapi-';
/** Requests waiting for the user, across all tabs (one per tab). */
export const MAX_PENDING = 8;
/**
 * A site the user said no to — or that withdrew its own request (abort, navigation) — this many
 * times within DECLINE_WINDOW_MS is refused until it cools down: no window spam. Aborts count
 * because a page can abort as fast as it asks: without them a get → abort loop opened a window
 * every two seconds.
 */
export const DECLINES_BEFORE_PAUSE = 3;
export const DECLINE_WINDOW_MS = 60_000;

export interface ChapiExchanges {
  start(data: StartExchangeInput): Promise<ExchangeView>;
  /** Resolves when the exchange has ended (complete, declined or failed); AbortError when `signal` aborts. */
  settled(data: { id: string; signal: AbortSignal }): Promise<ExchangeView>;
}

export interface ChapiRequestsDeps {
  ctx: WalletContext;
  exchanges: ChapiExchanges;
  /** Close the approval's window, if one is open. */
  closeApproval?: (options: { approvalId: string }) => Promise<void>;
}

type Kind = 'present' | 'exchange' | 'accept';

interface Outcome {
  approved: boolean;
  result: WalletResult;
}

interface Pending {
  approval: WalletApproval;
  kind: Kind;
  frame: ChapiFrame;
  busy: boolean;
  resolve(outcome: Outcome): void;
  reject(error: Error): void;
}

/** An error whose message the page may read. */
function pageError(name: string, message: string): Error {
  const error = namedError({ name, message });
  (error as Error & { expose?: boolean }).expose = true;
  return error;
}

/** Argument checks: their TypeErrors say what is wrong with the page's call, so the page sees them. */
function exposeTypeErrors<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof TypeError || (error as Error)?.name === 'DataError') (error as Error & { expose?: boolean }).expose = true;
    throw error;
  }
}

export function createChapiRequests({ ctx, exchanges, closeApproval = async () => undefined }: ChapiRequestsDeps) {
  const pending = new Map<string, Pending>();
  const byTab = new Map<number, string>();
  const declines = new Map<string, number[]>(); // origin → times the user said no, or the page withdrew
  // Tabs whose approval window the wallet already brought to the front and the user did not
  // answer (the page aborted or went away): their next requests wait in the popup's list
  // ("Review") instead of opening and focusing another window. The user answering one of
  // the tab's requests gives it its window back. Kept in memory: a restarted worker forgets,
  // which costs at most one more window per tab.
  const quietTabs = new Set<number>();
  const now = () => ctx.now?.() ?? new Date();
  const tabOf = (frame: ChapiFrame) => frame.tabId;

  function recentDeclines(origin: string): number {
    const since = now().getTime() - DECLINE_WINDOW_MS;
    const times = (declines.get(origin) ?? []).filter((t) => t > since);
    if (times.length) declines.set(origin, times);
    else declines.delete(origin);
    return times.length;
  }

  function noteDecline(origin: string) {
    declines.set(origin, [...(declines.get(origin) ?? []), now().getTime()].slice(-DECLINES_BEFORE_PAUSE));
  }

  function owns(approvalId: string): boolean {
    return approvalId.startsWith(CHAPI_APPROVAL_PREFIX);
  }

  function emit(approval: WalletApproval) {
    ctx.events.emit({ type: 'approval', approval: approvalView(approval) });
  }

  /** Record a decline (page gone, window closed, stale); quiet if it was decided meanwhile. */
  async function decline(approvalId: string) {
    const decided = await (await ctx.db).approvals.decide({ id: approvalId, decision: { approved: false } }).catch(() => undefined);
    if (decided) emit(decided as WalletApproval);
  }

  /** Save the approval, show it, and wait for the answer (or for the frame to go away). */
  async function ask({ frame, kind, body, extra, signal }: {
    frame: ChapiFrame;
    kind: Kind;
    body: ApprovalBody;
    extra: Omit<ApprovalPayload, 'view'>;
    signal: AbortSignal;
  }): Promise<Outcome> {
    if (signal.aborted) throw namedError({ name: 'AbortError', message: 'The page went away.' });
    if (byTab.has(tabOf(frame))) {
      throw pageError('NotAllowedError', 'Another wallet request from this tab is still waiting for an answer.');
    }
    if (recentDeclines(frame.origin) >= DECLINES_BEFORE_PAUSE) {
      throw pageError('NotAllowedError', 'You declined several requests from this site just now (or it withdrew them); it may ask again in a minute.');
    }
    if (pending.size >= MAX_PENDING) throw pageError('NotAllowedError', 'Too many wallet requests are waiting; try again later.');
    const base = `${CHAPI_APPROVAL_PREFIX}${crypto.randomUUID()}`;
    const id = `${base}.${body.kind}`;
    const view: ApprovalView = { ...body, id, exchangeId: base, status: 'pending', createdAt: now().toISOString() };
    byTab.set(tabOf(frame), id);
    let approval: WalletApproval;
    try {
      approval = (await (await ctx.db).approvals.create({
        id,
        kind: kind === 'accept' ? 'chapi-store' : 'chapi-get',
        // The approval window and the popup find an approval's window by exchangeId.
        exchangeId: base,
        chapiRequestId: base,
        origin: frame.origin,
        pageOrigin: frame.origin,
        payload: { view, ...extra },
      })) as WalletApproval;
    } catch (error) {
      byTab.delete(tabOf(frame));
      throw error;
    }
    const outcome = new Promise<Outcome>((resolve, reject) => {
      pending.set(id, { approval, kind, frame, busy: false, resolve, reject });
    });
    signal.addEventListener('abort', () => void cancel({ approvalId: id, withdrawn: true }), { once: true });
    emit(approval);
    try {
      // focus: false never opens or raises a window; the approval waits in the popup's list
      await ctx.windows.show({ approvalId: id, exchangeId: base, focus: !quietTabs.has(tabOf(frame)) });
    } catch (error) {
      await cancel({ approvalId: id });
      throw error;
    }
    return outcome;
  }

  /**
   * The frame went away (navigated, closed, cancelled): end the approval, answer nobody.
   * `withdrawn`: the page's side ended it (abort or navigation), which counts toward the pause
   * like a decline and keeps the tab's next windows from taking focus.
   */
  async function cancel({ approvalId, withdrawn = false }: { approvalId: string; withdrawn?: boolean }) {
    const p = pending.get(approvalId);
    if (!p) return;
    pending.delete(approvalId);
    byTab.delete(tabOf(p.frame));
    if (withdrawn) {
      noteDecline(p.frame.origin);
      quietTabs.add(tabOf(p.frame));
    }
    p.reject(namedError({ name: 'AbortError', message: 'The page that asked went away.' }));
    await decline(approvalId);
    await closeApproval({ approvalId }).catch(() => undefined);
  }

  /** navigator.credentials.get({web}) from `frame`. */
  async function get({ frame, web, signal }: { frame: ChapiFrame; web: unknown; signal: AbortSignal }): Promise<WalletResult> {
    const request = exposeTypeErrors(() => normalizeGetRequest({ web, path: 'options.web' }));
    const key = await ctx.key();
    if (request.exchange) {
      // a public page may not point the wallet into the user's network (NotAllowedError, no window)
      try {
        checkPageExchangeUrl({ url: request.exchange.url, pageOrigin: frame.origin });
      } catch (error) {
        throw pageError((error as Error).name, (error as Error).message);
      }
      const body = exchangeConsentView({ request, frame, did: key.did });
      const outcome = await ask({ frame, kind: 'exchange', body, extra: {}, signal });
      if (!outcome.approved) return null;
      return runExchange({ url: request.exchange.url, frame, signal });
    }
    const credentials = await (await ctx.db).credentials.list();
    const body = presentView({ request, frame, credentials, did: key.did });
    const vpr = { ...request.presentationRequest, query: request.queries };
    const outcome = await ask({ frame, kind: 'present', body, extra: { request: vpr }, signal });
    return outcome.result;
  }

  /** navigator.credentials.store(webCredential) from `frame`. */
  async function store({ frame, credential, signal }: { frame: ChapiFrame; credential: unknown; signal: AbortSignal }): Promise<WalletResult> {
    const request = exposeTypeErrors(() => normalizeStoreRequest({ credential, path: 'credential' }));
    const at = now();
    const offered = await checkOffers({ ctx, credentials: request.credentials, now: at });
    const body = acceptView({ offered, frame });
    const outcome = await ask({ frame, kind: 'accept', body, extra: { offered }, signal });
    return outcome.result;
  }

  /** Run the exchange the page named, through the wallet's exchange runner (its own approvals). */
  async function runExchange({ url, frame, signal }: { url: string; frame: ChapiFrame; signal: AbortSignal }): Promise<WalletResult> {
    // CHAPI names a VC-API exchange URL, not an interaction URL: start there (no discovery GET).
    const started = await exchanges.start({ exchangeUrl: url, source: 'chapi', pageOrigin: frame.origin });
    // The runner says when it ends (no polling); a page that goes away stops the wait.
    const view = await exchanges.settled({ id: started.id, signal });
    if (view.status === 'complete') return { type: 'web', dataType: 'OutOfBand', data: null };
    if (view.status === 'declined') return null;
    throw pageError('OperationError', `The exchange with ${view.exchangeOrigin} failed (${view.error?.name ?? 'Error'}).`);
  }

  /** Do what the user approved (before recording it): sign, or store. Errors leave the approval pending. */
  async function carryOut(p: Pending, credentialIds: string[]): Promise<WalletResult> {
    if (p.kind === 'exchange') return null;
    if (p.kind === 'present') {
      const data = await signedPresentation({ ctx, approval: p.approval, credentialIds });
      return { type: 'web', dataType: 'VerifiablePresentation', data };
    }
    const { stored, notes } = await storeChosenOffers({
      ctx,
      approval: p.approval,
      credentialIds,
      source: { kind: 'chapi', origin: p.frame.origin },
    });
    if (!stored.length && notes.length) throw namedError({ name: 'ConstraintError', message: notes.join(' ') });
    if (!stored.length) return null;
    return {
      type: 'web',
      dataType: 'VerifiablePresentation',
      data: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: stored.map((c) => c.credential),
      },
    };
  }

  /** The approval window's answer (routed here for CHAPI approval ids). */
  async function answer(data: ApprovalAnswer): Promise<ApprovalView> {
    const p = pending.get(data.id);
    if (!p) {
      const record = await (await ctx.db).approvals.get({ id: data.id });
      if (!record) throw namedError({ name: 'NotFoundError', message: `No approval ${data.id}.` });
      if (!record.decision) await decline(data.id);
      throw namedError({
        name: 'InvalidStateError',
        message: record.decision
          ? `This request was already ${record.decision.approved ? 'approved' : 'declined'}.`
          : 'The page that asked has gone away; nothing was sent.',
      });
    }
    if (p.busy) throw namedError({ name: 'InvalidStateError', message: 'This request is already being answered.' });
    p.busy = true;
    try {
      const credentialIds = decisionFor({ approval: p.approval, answer: data });
      const result = data.approve ? await carryOut(p, credentialIds) : null;
      if (pending.get(data.id) !== p) {
        throw namedError({ name: 'InvalidStateError', message: 'The page that asked went away; nothing was sent to it.' });
      }
      pending.delete(data.id);
      byTab.delete(tabOf(p.frame));
      const decided = (await (await ctx.db).approvals.decide({
        id: data.id,
        decision: { approved: data.approve, credentialIds },
      })) as WalletApproval;
      emit(decided);
      if (!data.approve) noteDecline(p.frame.origin);
      quietTabs.delete(tabOf(p.frame)); // the user answered this tab: its next request may show its window
      p.resolve({ approved: data.approve, result });
      void closeApproval({ approvalId: data.id }).catch(() => undefined);
      return approvalView(decided);
    } finally {
      p.busy = false;
    }
  }

  /** A closed approval window declines. */
  async function windowClosed({ approvalId }: { approvalId: string }) {
    if (!pending.has(approvalId)) return;
    await answer({ id: approvalId, approve: false }).catch(() => undefined);
  }

  /** On worker start: CHAPI approvals left pending belong to ports that died with the old worker. */
  async function endStale() {
    const db = await ctx.db;
    for (const approval of await db.approvals.listPending()) {
      if (!owns(approval.id) || pending.has(approval.id)) continue;
      await decline(approval.id);
      await closeApproval({ approvalId: approval.id }).catch(() => undefined);
    }
  }

  return { owns, get, store, answer, windowClosed, cancel, endStale, pendingCount: () => pending.size };
}

export type ChapiRequests = ReturnType<typeof createChapiRequests>;
