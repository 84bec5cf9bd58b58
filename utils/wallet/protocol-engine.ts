// One interface for every protocol engine the runner drives: next({state, input, fetch, limits,
// onMessage, checkpoint}) → {state, event, done}, the engine picked by `state.protocol`
// (absent or 'vcapi': utils/vcalm; 'oid4vp': utils/oid4vp; 'oid4vci': utils/oid4vci). Each state is
// plain JSON and shares the fields the runner, the history and the inspector read (id, status, seq,
// origin, exchangeUrl …). OID4VCI never re-sends a credential request after a crash: that rule lives
// in its engine (a state saved mid-request resumes as failed), so the runner just steps it.
import { createExchange, next, pendingEvent, planEntry, type EntryPlan, type ExchangeEvent, type ExchangeInput, type ExchangeLimits, type ExchangeState, type FetchLike, type OnMessage, type ProtocolName } from '../vcalm';
import { createOid4vpExchange, isOid4vpState, nextOid4vp, oid4vpPendingEvent, type Oid4vpState } from '../oid4vp';
import {
  createOid4vciExchange, nextOid4vci, oid4vciPendingEvent,
  type Authorize, type HolderFor, type Oid4vciEvent, type Oid4vciInput, type Oid4vciState,
} from '../oid4vci';

/** Every engine's state (OID4VP's travels as an ExchangeState-shaped record). */
export type AnyExchangeState = ExchangeState | Oid4vciState;
/** Every engine's events: credentials, request, complete, declined, failed (shared shapes), pin (OID4VCI). */
export type AnyExchangeEvent = ExchangeEvent | Oid4vciEvent;
/** Every engine's inputs: presentation / decline / continue (shared), pin (OID4VCI). */
export type AnyExchangeInput = ExchangeInput | Oid4vciInput;

/** What the wallet lends an engine besides the HTTP plumbing. */
export interface EngineServices {
  /** The holder key for proofs of possession / presentations signed inside a step (OID4VCI). */
  holder?: HolderFor;
  /** The browser part of an OAuth authorization-code flow (launchWebAuthFlow in the extension). */
  authorize?: Authorize;
  redirectUri?: string;
}

export interface EngineStep {
  state: AnyExchangeState;
  event: AnyExchangeEvent;
  done: boolean;
}

export const isOid4vciState = (state: unknown): state is Oid4vciState =>
  (state as { protocol?: unknown } | undefined)?.protocol === 'oid4vci';

export async function stepExchange(options: EngineServices & {
  state: AnyExchangeState;
  input?: AnyExchangeInput;
  fetch?: FetchLike;
  limits?: Partial<ExchangeLimits>;
  onMessage?: OnMessage;
  checkpoint?: (state: AnyExchangeState) => void | Promise<void>;
}): Promise<EngineStep> {
  const { state, input, checkpoint } = options;
  if (isOid4vciState(state)) {
    return nextOid4vci({ ...options, state, input: input as Oid4vciInput | undefined, checkpoint });
  }
  const { holder: _h, authorize: _a, redirectUri: _r, ...rest } = options;
  void _h;
  void _a;
  void _r;
  if (isOid4vpState(state)) {
    const result = await nextOid4vp({ ...rest, state: state as Oid4vpState, input: input as ExchangeInput | undefined, checkpoint: checkpoint as ((s: Oid4vpState) => Promise<void>) | undefined });
    return result as unknown as EngineStep;
  }
  return next({ ...rest, state: state as ExchangeState, input: input as ExchangeInput | undefined, checkpoint });
}

export function pendingEventOf({ state }: { state: AnyExchangeState }): AnyExchangeEvent | undefined {
  if (isOid4vciState(state)) return oid4vciPendingEvent({ state });
  return isOid4vpState(state) ? (oid4vpPendingEvent({ state: state as Oid4vpState }) as ExchangeEvent | undefined) : pendingEvent({ state: state as ExchangeState });
}

/** The first state for a planned entry. */
export function stateForPlan({ plan, limits, now, privateNetwork = true }: {
  plan: EntryPlan; limits?: Partial<ExchangeLimits>; now: number; privateNetwork?: boolean;
}): AnyExchangeState {
  switch (plan.engine) {
    case 'vcapi': {
      const state = 'interactionUrl' in plan
        ? createExchange({ interactionUrl: plan.interactionUrl, limits, now, privateNetwork })
        : createExchange({ exchangeUrl: plan.exchangeUrl, limits, now, privateNetwork });
      if (plan.offered) state.protocols = plan.offered;
      return state;
    }
    case 'oid4vp': {
      const state = createOid4vpExchange({ uri: plan.uri, interactionUrl: plan.interactionUrl, limits, now, privateNetwork });
      return { ...state, ...(plan.offered ? { protocols: plan.offered } : {}) } as unknown as ExchangeState;
    }
    case 'oid4vci':
      return createOid4vciExchange({ offerUrl: plan.uri.trim(), interactionUrl: plan.interactionUrl, limits, now, privateNetwork });
  }
}

/** Plans any entry form (named errors for what cannot be run) and makes its first state. */
export async function startState({ text, protocol, fetch, limits, now, privateNetwork }: {
  text: string; protocol?: ProtocolName; fetch?: FetchLike; limits?: Partial<ExchangeLimits>; now: number; privateNetwork?: boolean;
}): Promise<AnyExchangeState> {
  const plan = await planEntry({ text, protocol, fetch });
  return stateForPlan({ plan, limits, now, privateNetwork });
}
