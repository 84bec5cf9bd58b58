// One interface for every protocol engine the runner drives: next({state, input, fetch, limits,
// onMessage, checkpoint}) → {state, event, done}, the engine picked by `state.protocol`
// (absent or 'vcapi': utils/vcalm; 'oid4vp': utils/oid4vp). Each state is plain JSON and shares
// the fields the runner, the history and the inspector read (id, status, seq, origin, exchangeUrl …).
import { createExchange, next, pendingEvent, planEntry, type EntryPlan, type ExchangeEvent, type ExchangeInput, type ExchangeLimits, type ExchangeState, type FetchLike, type OnMessage, type ProtocolName } from '../vcalm';
import { createOid4vpExchange, isOid4vpState, nextOid4vp, oid4vpPendingEvent, type Oid4vpState } from '../oid4vp';
import { namedError } from '../errors';

export interface EngineStep {
  state: ExchangeState;
  event: ExchangeEvent;
  done: boolean;
}

export async function stepExchange(options: {
  state: ExchangeState;
  input?: ExchangeInput;
  fetch?: FetchLike;
  limits?: Partial<ExchangeLimits>;
  onMessage?: OnMessage;
  checkpoint?: (state: ExchangeState) => void | Promise<void>;
}): Promise<EngineStep> {
  if (isOid4vpState(options.state)) {
    const result = await nextOid4vp({ ...options, state: options.state as Oid4vpState, checkpoint: options.checkpoint as ((s: Oid4vpState) => Promise<void>) | undefined });
    return result as unknown as EngineStep;
  }
  return next(options);
}

export function pendingEventOf({ state }: { state: ExchangeState }): ExchangeEvent | undefined {
  return isOid4vpState(state) ? (oid4vpPendingEvent({ state: state as Oid4vpState }) as ExchangeEvent | undefined) : pendingEvent({ state });
}

/** The first state for a planned entry. */
export function stateForPlan({ plan, limits, now, privateNetwork = true }: {
  plan: EntryPlan; limits?: Partial<ExchangeLimits>; now: number; privateNetwork?: boolean;
}): ExchangeState {
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
      throw namedError({ name: 'NotSupportedError', message: 'OpenID4VCI credential offers are not run by this wallet yet.' });
  }
}

/** Plans any entry form (named errors for what cannot be run) and makes its first state. */
export async function startState({ text, protocol, fetch, limits, now, privateNetwork }: {
  text: string; protocol?: ProtocolName; fetch?: FetchLike; limits?: Partial<ExchangeLimits>; now: number; privateNetwork?: boolean;
}): Promise<ExchangeState> {
  const plan = await planEntry({ text, protocol, fetch });
  return stateForPlan({ plan, limits, now, privateNetwork });
}
