// The background's side of navigator.credentials: each get()/store() from a frame becomes an
// approval in the wallet's approval store and window; the answer is carried out here and goes
// back to that frame only. Requests live as long as the frame's port: when the page navigates
// or closes, the request is cancelled, its approval ends and a late answer reaches nobody.
// A get() naming an exchange (vcapi, or only OID4VP / OID4VCI in its protocols) is one window:
// consent, then the exchange's own questions, then it closes (see carry-out.ts).
import { normalizeGetRequest } from '../../chapi/normalize-get';
import { normalizeStoreRequest } from '../../chapi/normalize-store';
import type { WalletResult } from '../../chapi/page-messages';
import type { ApprovalAnswer, ApprovalView } from '../../messaging';
import { hasErrorName, namedError } from '../../errors';
import { pageErrorName } from '../../chapi/errors';
import { decisionFor, refuseForeignDomain } from '../approval-flow';
import { holderKeysOf, type WalletContext } from '../context';
import { checkOffers } from '../offer-checks';
import { checkPageExchangeUrl } from '../local-network';
import { approvalView, type ApprovalPayload, type WalletApproval } from '../records';
import { acceptView, exchangeConsentView, presentView, type ApprovalBody } from './approval-views';
import { carryOut, closeWindow, runExchange, type ChapiExchanges } from './carry-out';
import { firstContactUrl } from './openid-target';
import type { ChapiFrame } from './frame';
import { createRequestTable, pageError, type Outcome, type RequestKind } from './request-table';

export type { ChapiExchanges } from './carry-out';
export { DECLINES_BEFORE_PAUSE, DECLINE_WINDOW_MS, MAX_PENDING } from './request-table';

/** Approval ids of CHAPI requests start with this; the exchange runner's never do. */
export const CHAPI_APPROVAL_PREFIX = 'chapi-';

export interface ChapiRequestsDeps {
  ctx: WalletContext;
  exchanges: ChapiExchanges;
}

/** Argument checks: their TypeErrors say what is wrong with the page's call, so the page sees them. */
function exposeTypeErrors<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof TypeError || hasErrorName(error, 'DataError')) (error as Error & { expose?: boolean }).expose = true;
    throw error;
  }
}

/** The approval record of a request: its id ends with its view's kind; its window key is the request's key. */
async function saveApproval({ ctx, frame, kind, body, extra, key, at }: {
  ctx: WalletContext;
  frame: ChapiFrame;
  kind: RequestKind;
  body: ApprovalBody;
  extra: Omit<ApprovalPayload, 'view'>;
  key: string;
  at: Date;
}): Promise<WalletApproval> {
  const id = `${key}.${body.kind}`;
  const view: ApprovalView = { ...body, id, exchangeId: key, status: 'pending', createdAt: at.toISOString() };
  return (await (await ctx.db).approvals.create({
    id,
    kind: kind === 'accept' ? 'chapi-store' : 'chapi-get',
    // The approval window and the popup find an approval's window by exchangeId (its window key).
    exchangeId: key,
    chapiRequestId: key,
    origin: frame.origin,
    pageOrigin: frame.origin,
    payload: { view, ...extra },
  })) as WalletApproval;
}

export function createChapiRequests({ ctx, exchanges }: ChapiRequestsDeps) {
  const now = () => ctx.now?.() ?? new Date();
  const table = createRequestTable({ now });

  const owns = (approvalId: string) => approvalId.startsWith(CHAPI_APPROVAL_PREFIX);
  const emit = (approval: WalletApproval) => ctx.events.emit({ type: 'approval', approval: approvalView(approval) });

  /** Record a decline (page gone, window closed, stale); quiet if it was decided meanwhile. */
  async function decline(approvalId: string) {
    // decide() rejects only when the approval is gone or already answered: then there is nothing to record
    const decided = await (await ctx.db).approvals.decide({ id: approvalId, decision: { approved: false } }).catch(() => undefined);
    if (decided) emit(decided as WalletApproval);
  }

  /** Save the approval, show it in the request's window, and wait for the answer (or for the frame to go away). */
  async function ask({ frame, kind, body, extra = {}, signal }: {
    frame: ChapiFrame;
    kind: RequestKind;
    body: ApprovalBody;
    extra?: Omit<ApprovalPayload, 'view'>;
    signal: AbortSignal;
  }): Promise<Outcome & { windowKey: string }> {
    if (signal.aborted) throw namedError({ name: 'AbortError', message: 'The page went away.' });
    const key = `${CHAPI_APPROVAL_PREFIX}${crypto.randomUUID()}`;
    const id = `${key}.${body.kind}`;
    table.admit({ frame, id });
    let approval: WalletApproval;
    try {
      approval = await saveApproval({ ctx, frame, kind, body, extra, key, at: now() });
    } catch (error) {
      table.releaseTab(frame);
      throw error;
    }
    const outcome = new Promise<Outcome>((resolve, reject) => {
      table.add(id, { approval, kind, frame, busy: false, resolve, reject });
    });
    signal.addEventListener('abort', () => void cancel({ approvalId: id, withdrawn: true }), { once: true });
    emit(approval);
    try {
      // focus: false never opens or raises a window; the approval waits in the popup's list
      await ctx.windows.show({ approvalId: id, exchangeId: key, focus: table.mayFocus(frame) });
    } catch (error) {
      await cancel({ approvalId: id });
      throw error;
    }
    return { ...(await outcome), windowKey: key };
  }

  /**
   * The frame went away (navigated, closed, cancelled): end the approval, answer nobody.
   * `withdrawn`: the page's side ended it (abort or navigation), which counts toward the pause
   * like a decline and keeps the tab's next windows from taking focus.
   */
  async function cancel({ approvalId, withdrawn = false }: { approvalId: string; withdrawn?: boolean }) {
    const request = table.remove(approvalId);
    if (!request) return;
    if (withdrawn) table.noteWithdrawn(request.frame);
    request.reject(namedError({ name: 'AbortError', message: 'The page that asked went away.' }));
    await decline(approvalId);
    await closeWindow({ ctx, windowKey: request.approval.exchangeId! });
  }

  /** navigator.credentials.get({web}) from `frame`. */
  async function get({ frame, web, signal }: { frame: ChapiFrame; web: unknown; signal: AbortSignal }): Promise<WalletResult> {
    const request = exposeTypeErrors(() => normalizeGetRequest({ web, path: 'options.web' }));
    if (request.exchange) {
      // the first server the exchange contacts (the exchange URL; an OpenID link's request_uri,
      // response_uri, offer URI or issuer): an OpenID link that cannot be run, or a public page
      // pointing the wallet into the user's network, is refused here — a named error, no window
      let exchangeOrigin: string;
      try {
        const contact = firstContactUrl({ target: request.exchange });
        checkPageExchangeUrl({ url: contact, pageOrigin: frame.origin });
        exchangeOrigin = new URL(contact).origin;
      } catch (error) {
        throw pageError(pageErrorName({ name: (error as Error).name }), (error as Error).message);
      }
      const body = exchangeConsentView({ request, frame, exchangeOrigin });
      // a domain that names neither the page nor the exchange service: refused before any window
      if (body.domainWarning) await refuseOnPage({ domain: request.domain!, frame, exchangeOrigin });
      const consent = await ask({ frame, kind: 'exchange', body, signal });
      if (!consent.approved) return null;
      return runExchange({ ctx, exchanges, target: request.exchange, frame, windowKey: consent.windowKey, signal });
    }
    const [credentials, keys] = await Promise.all([(await ctx.db).credentials.list(), holderKeysOf(ctx)()]);
    const { body, cannotSign } = presentView({ request, frame, credentials, keys });
    if (cannotSign) throw pageError('NotSupportedError', `${cannotSign} Nothing was signed.`);
    if (body.domainWarning) await refuseOnPage({ domain: request.domain!, frame });
    const vpr = { ...request.presentationRequest, query: request.queries };
    return (await ask({ frame, kind: 'present', body, extra: { request: vpr }, signal })).result;
  }

  /** A foreign domain, unless the developer setting allows it: NotAllowedError the page may read. */
  async function refuseOnPage({ domain, frame, exchangeOrigin }: { domain: string; frame: ChapiFrame; exchangeOrigin?: string }) {
    try {
      await refuseForeignDomain({ ctx, domain, requester: { pageOrigin: frame.origin, exchangeOrigin: exchangeOrigin ?? frame.origin } });
    } catch (error) {
      throw pageError(pageErrorName({ name: (error as Error).name }), (error as Error).message);
    }
  }

  /** navigator.credentials.store(webCredential) from `frame`. */
  async function store({ frame, credential, signal }: { frame: ChapiFrame; credential: unknown; signal: AbortSignal }): Promise<WalletResult> {
    const request = exposeTypeErrors(() => normalizeStoreRequest({ credential, path: 'credential' }));
    const offered = await checkOffers({ ctx, credentials: request.credentials, now: now() });
    const body = acceptView({ offered, frame });
    return (await ask({ frame, kind: 'accept', body, extra: { offered }, signal })).result;
  }

  /** An answer for a request nobody waits for any more: say why (and end it if it was left pending). */
  async function answerGone(id: string): Promise<never> {
    const record = await (await ctx.db).approvals.get({ id });
    if (!record) throw namedError({ name: 'NotFoundError', message: `No approval ${id}.` });
    if (!record.decision) await decline(id);
    throw namedError({
      name: 'InvalidStateError',
      message: record.decision
        ? `This request was already ${record.decision.approved ? 'approved' : 'declined'}.`
        : 'The page that asked has gone away; nothing was sent.',
    });
  }

  /** The approval window's answer (routed here for CHAPI approval ids). */
  async function answer(data: ApprovalAnswer): Promise<ApprovalView> {
    const request = table.get(data.id);
    if (!request) return answerGone(data.id);
    if (request.busy) throw namedError({ name: 'InvalidStateError', message: 'This request is already being answered.' });
    request.busy = true;
    try {
      const credentialIds = decisionFor({ approval: request.approval, answer: data });
      const result = data.approve ? await carryOut({ ctx, request, credentialIds }) : null;
      if (table.get(data.id) !== request) {
        throw namedError({ name: 'InvalidStateError', message: 'The page that asked went away; nothing was sent to it.' });
      }
      table.remove(data.id);
      const decided = (await (await ctx.db).approvals.decide({
        id: data.id,
        decision: { approved: data.approve, credentialIds },
      })) as WalletApproval;
      emit(decided);
      if (!data.approve) table.noteDecline(request.frame.origin);
      table.noteAnswered(request.frame);
      request.resolve({ approved: data.approve, result });
      // a yes to run an exchange keeps the window: the exchange's questions show in it next
      const stepsOn = data.approve && request.kind === 'exchange';
      if (!stepsOn) void closeWindow({ ctx, windowKey: request.approval.exchangeId! });
      return approvalView(decided);
    } finally {
      request.busy = false;
    }
  }

  /** A closed approval window declines. */
  async function windowClosed({ approvalId }: { approvalId: string }) {
    if (!table.has(approvalId)) return;
    // answered meanwhile from the window itself (InvalidStateError): the user's own answer stands
    await answer({ id: approvalId, approve: false }).catch(() => undefined);
  }

  /** On worker start: CHAPI approvals left pending belong to ports that died with the old worker. */
  async function endStale() {
    const db = await ctx.db;
    for (const approval of await db.approvals.listPending()) {
      if (!owns(approval.id) || table.has(approval.id)) continue;
      await decline(approval.id);
      if (approval.exchangeId) await closeWindow({ ctx, windowKey: approval.exchangeId });
    }
  }

  return { owns, get, store, answer, windowClosed, cancel, endStale, pendingCount: () => table.size() };
}

export type ChapiRequests = ReturnType<typeof createChapiRequests>;
