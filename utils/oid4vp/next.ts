// The OID4VP step machine, in utils/vcalm's shape: next({state, input}) → {state, event, done}.
// 'discover' (resolve the request) → 'request' (ask the user) → 'posting' (checkpointed before the answer leaves) → 'complete'.
// It never throws for what the verifier or the network does: a failure is a 'failed' event.
import { toErrorJson, namedError } from '../errors';
import type { ExchangeEvent, ExchangeInput } from '../vcalm/events';
import { resolveLimits, type ExchangeLimits } from '../vcalm/limits';
import type { OnMessage } from '../vcalm/transcript';
import type { FetchLike } from './http';
import { resolveRequest } from './resolve';
import { buildResponse, sendResponse } from './respond';
import { isOid4vpState, OID4VP_TERMINAL, type Oid4vpState, type Verifier } from './state';

export type Oid4vpEvent =
  | (Extract<ExchangeEvent, { type: 'request' }> & { protocol: 'oid4vp'; verifier: Verifier })
  | Exclude<ExchangeEvent, { type: 'request' }>;

export interface Oid4vpStepResult {
  state: Oid4vpState;
  event: Oid4vpEvent;
  done: boolean;
}

export interface Oid4vpNextOptions {
  state: Oid4vpState;
  input?: ExchangeInput;
  fetch?: FetchLike;
  onMessage?: OnMessage;
  checkpoint?: (state: Oid4vpState) => void | Promise<void>;
  limits?: Partial<ExchangeLimits>;
  signal?: AbortSignal;
}

export function requestEventOf(state: Oid4vpState): Oid4vpEvent {
  const request = state.request!;
  return {
    type: 'request',
    protocol: 'oid4vp',
    request,
    exchangeUrl: state.exchangeUrl!,
    origin: state.origin,
    interactionOrigin: state.interactionUrl ? new URL(state.interactionUrl).origin : state.origin,
    challenge: String(request.challenge),
    domain: String(request.domain),
    verifier: state.verifier!,
  };
}

/** The event a resting state stands for (a restarted worker shows the approval again). */
export function oid4vpPendingEvent({ state }: { state: Oid4vpState }): Oid4vpEvent | undefined {
  switch (state.status) {
    case 'request': return state.request ? requestEventOf(state) : undefined;
    case 'complete': return { type: 'complete', ...(state.redirectUrl ? { redirectUrl: state.redirectUrl } : {}), received: 0, presented: state.presented };
    case 'declined': return { type: 'declined', message: state.error?.message ?? 'Declined; nothing was sent.' };
    case 'failed': return { type: 'failed', error: state.error ?? { name: 'OperationError', message: 'The presentation failed.' } };
    default: return undefined;
  }
}

export async function nextOid4vp(options: Oid4vpNextOptions): Promise<Oid4vpStepResult> {
  if (!options || !isOid4vpState(options.state)) throw new TypeError('"state" must be an OID4VP state from createOid4vpExchange().');
  const state = structuredClone(options.state);
  const { input } = options;
  if (state.status === 'request') {
    const ok = input && (input.type === 'decline' || (input.type === 'presentation' && input.verifiablePresentation && typeof input.verifiablePresentation === 'object'));
    if (!ok) throw new TypeError('"input" must be {type: "presentation", verifiablePresentation} or {type: "decline"} while a request is waiting.');
  }
  if (options.limits) state.limits = resolveLimits({ limits: { ...state.limits, ...options.limits } });
  const rest = OID4VP_TERMINAL.includes(state.status) ? oid4vpPendingEvent({ state }) : undefined;
  if (rest) return { state, event: rest, done: true };
  const ctx = { fetch: options.fetch, onMessage: options.onMessage, signal: options.signal };
  try {
    if (Date.now() > state.deadline) throw namedError({ name: 'ExchangeTimeoutError', message: 'The presentation ran past its time limit.' });
    if (state.status === 'discover') {
      await resolveRequest({ state, ctx });
      state.updatedAt = new Date().toISOString();
      return { state, event: requestEventOf(state), done: false };
    }
    if (state.status === 'posting') {
      // the worker died while the answer may have left: never send a presentation twice
      const seq = state.pending?.seq ?? state.seq;
      await options.onMessage?.({
        exchangeId: state.id, seq, kind: 'oid4vp-response', method: 'POST', url: state.exchangeUrl ?? '',
        requestHeaders: {}, startedAt: state.pending?.startedAt ?? new Date().toISOString(),
        error: { name: 'InterruptedError', message: 'The wallet stopped while sending this answer.' },
      })?.catch?.(() => undefined);
      throw namedError({ name: 'InterruptedError', message: 'The wallet stopped while sending the presentation; it was not sent again, and anything the verifier answered was lost. Start again from the verifier.' });
    }
    if (state.status === 'request') {
      if (input!.type === 'decline') {
        delete state.request;
        state.status = 'declined';
        const message = `Declined the request from ${state.verifier?.id ?? state.origin}; nothing was sent.`;
        state.error = { name: 'NotAllowedError', message: input!.reason ? `${message} (${String(input!.reason).slice(0, 200)})` : message };
        state.updatedAt = new Date().toISOString();
        return { state, event: { type: 'declined', message: state.error.message }, done: true };
      }
      const vp = (input as { verifiablePresentation: Record<string, unknown> }).verifiablePresentation;
      const form = await buildResponse({ state, vp }); // named errors here: nothing was sent
      state.pending = { seq: state.seq++, url: state.exchangeUrl!, startedAt: new Date().toISOString() };
      state.status = 'posting';
      delete state.request;
      await options.checkpoint?.(structuredClone(state));
      await sendResponse({ state, form, ctx });
      delete state.pending;
      state.status = 'complete';
      state.updatedAt = new Date().toISOString();
      return { state, event: oid4vpPendingEvent({ state })!, done: true };
    }
    throw namedError({ name: 'InvalidStateError', message: `The presentation cannot continue from status "${state.status}".` });
  } catch (error) {
    delete state.pending;
    delete state.request;
    state.status = 'failed';
    state.error = toErrorJson({ error });
    state.updatedAt = new Date().toISOString();
    return { state, event: { type: 'failed', error: state.error }, done: true };
  }
}
