// The exchange step machine: next({state, input}) → {state, event, done}. Each call runs until the
// caller has something to do (protocols found, credentials offered, a request to answer) or the
// exchange ends. The state is plain JSON: save it after every call, and in `checkpoint` before
// every POST, so a killed worker can resume.
import { toErrorJson, vcalmError } from './errors';
import { eventForState, type ExchangeInput, type StepResult } from './events';
import { discover } from './discover';
import type { FetchLike } from './http';
import { resolveLimits, type ExchangeLimits } from './limits';
import { afterReply, post } from './post';
import { resumeInterrupted } from './resume';
import type { StepContext } from './step-context';
import { checkState, TERMINAL_STATUSES, type ExchangeState } from './state';
import type { OnMessage } from './transcript';

export interface NextOptions {
  state: ExchangeState;
  input?: ExchangeInput; // required in status 'request'; ignored elsewhere
  fetch?: FetchLike; // default globalThis.fetch
  onMessage?: OnMessage; // every HTTP message, once, when it has ended (errors of the sink are ignored)
  checkpoint?: (state: ExchangeState) => void | Promise<void>; // awaited with the 'posting' state before each POST
  limits?: Partial<ExchangeLimits>; // overrides the limits saved in the state
  signal?: AbortSignal;
}

function checkInput(state: ExchangeState, input: ExchangeInput | undefined) {
  if (state.status !== 'request') return;
  const ok = input && typeof input === 'object' && (
    input.type === 'decline'
    || (input.type === 'presentation' && !!input.verifiablePresentation && typeof input.verifiablePresentation === 'object'
      && !Array.isArray(input.verifiablePresentation)));
  if (!ok) throw new TypeError('"input" must be {type: "presentation", verifiablePresentation} or {type: "decline"} while a request is waiting.');
}

export async function next(options: NextOptions): Promise<StepResult> {
  if (!options || typeof options !== 'object') throw new TypeError('"options" must be an object.');
  const state = structuredClone(checkState({ state: options.state }));
  checkInput(state, options.input);
  if (options.limits) state.limits = resolveLimits({ limits: { ...state.limits, ...options.limits } });
  const ctx: StepContext = { fetch: options.fetch, onMessage: options.onMessage, checkpoint: options.checkpoint, signal: options.signal };
  const rest = eventForState({ state });
  if (rest) return { state, event: rest, done: true };
  try {
    const event = await advance({ state, input: options.input, ctx });
    state.updatedAt = new Date().toISOString();
    return { state, event, done: TERMINAL_STATUSES.includes(state.status) };
  } catch (error) {
    for (const key of ['pending', 'outgoing', 'offered', 'queued', 'request', 'discoverKind'] as const) delete state[key];
    state.status = 'failed';
    state.error = toErrorJson({ error });
    state.updatedAt = new Date().toISOString();
    return { state, event: { type: 'failed', error: state.error }, done: true };
  }
}

async function advance({ state, input, ctx }: { state: ExchangeState; input?: ExchangeInput; ctx: StepContext }) {
  if (state.status === 'request') {
    if (input!.type === 'decline') {
      delete state.request;
      state.status = 'declined';
      const message = `Declined the request from ${new URL(state.exchangeUrl!).origin}; nothing was sent.`;
      state.error = { name: 'NotAllowedError', message: input!.reason ? `${message} (${String(input!.reason).slice(0, 200)})` : message };
      return { type: 'declined' as const, message: state.error.message };
    }
    delete state.request;
    state.outgoing = { verifiablePresentation: (input as { verifiablePresentation: Record<string, unknown> }).verifiablePresentation };
    state.status = 'ready';
  } else if (state.status === 'credentials') {
    const queued = state.queued ?? { emptyRequest: false };
    delete state.offered;
    delete state.queued;
    const event = afterReply({ state, queued });
    if (event) return event;
  } else if (state.status === 'posting') {
    await resumeInterrupted({ state, ctx });
  }
  for (let guard = 0; guard <= state.limits.maxSteps + state.limits.maxRedirects + 1; guard++) {
    if (state.status === 'discover') return discover({ state, ctx });
    if (state.status !== 'ready') break;
    const event = await post({ state, ctx });
    if (event) return event;
  }
  throw vcalmError({ name: 'InvalidStateError', message: `The exchange cannot continue from status "${state.status}".` });
}
