// One exchange, whatever the protocol. Each protocol engine is a standalone library beside
// utils/vcalm with the same shape — next({state, input, fetch, limits, onMessage, checkpoint}) →
// {state, event, done}, a JSON state saved after every step and before every POST — and this
// dispatcher picks the engine by `state.protocol` ('vcapi' when absent: states saved before there
// was a choice). The runner (exchange-runner.ts) only ever calls `nextExchangeStep` and
// `waitingEventOf`. See README.md "Protocol engines".
import {
  next as nextVcapi,
  pendingEvent as vcapiPendingEvent,
  type ExchangeEvent as VcapiEvent,
  type ExchangeInput as VcapiInput,
  type ExchangeLimits,
  type ExchangeState as VcapiState,
  type FetchLike,
  type OnMessage,
} from '../vcalm';
import {
  nextOid4vci,
  oid4vciPendingEvent,
  type Authorize,
  type HolderFor,
  type Oid4vciEvent,
  type Oid4vciInput,
  type Oid4vciState,
} from '../oid4vci';
import { namedError } from '../errors';

export type ProtocolName = 'vcapi' | 'oid4vci' | 'oid4vp';

/** Every engine's state. Engines add theirs here (OID4VP: `| Oid4vpState`). */
export type AnyExchangeState = VcapiState | Oid4vciState;
/** Every engine's events: credentials, request, complete, declined, failed (shared shapes), pin (OID4VCI). */
export type AnyExchangeEvent = VcapiEvent | Oid4vciEvent;
/** Every engine's inputs: presentation / decline / continue (shared), pin (OID4VCI). */
export type AnyExchangeInput = VcapiInput | Oid4vciInput;

/** What the wallet lends an engine besides the HTTP plumbing. */
export interface EngineServices {
  /** The holder key for proofs of possession / presentations signed inside a step (OID4VCI). */
  holder?: HolderFor;
  /** The browser part of an OAuth authorization-code flow (launchWebAuthFlow in the extension). */
  authorize?: Authorize;
  redirectUri?: string;
}

export interface EngineNextOptions<S extends AnyExchangeState = AnyExchangeState> extends EngineServices {
  state: S;
  input?: AnyExchangeInput;
  fetch?: FetchLike;
  onMessage?: OnMessage;
  checkpoint?: (state: S) => void | Promise<void>;
  limits?: Partial<ExchangeLimits>;
  signal?: AbortSignal;
}

export interface EngineStepResult<S extends AnyExchangeState = AnyExchangeState> {
  state: S;
  event: AnyExchangeEvent;
  done: boolean;
}

export interface ProtocolEngine<S extends AnyExchangeState = AnyExchangeState> {
  next(options: EngineNextOptions<S>): Promise<EngineStepResult<S>>;
  /** The event a saved state waits on (approval to show again), its final event, or undefined (call next()). */
  pendingEvent(options: { state: S }): AnyExchangeEvent | undefined;
}

const vcapi: ProtocolEngine<VcapiState> = {
  next: ({ state, input, fetch, onMessage, checkpoint, limits, signal }) =>
    nextVcapi({ state, input: input as VcapiInput | undefined, fetch, onMessage, checkpoint, limits, signal }),
  pendingEvent: ({ state }) => vcapiPendingEvent({ state }),
};

const oid4vci: ProtocolEngine<Oid4vciState> = {
  next: ({ state, input, ...rest }) => nextOid4vci({ state, input: input as Oid4vciInput | undefined, ...rest }),
  pendingEvent: ({ state }) => oid4vciPendingEvent({ state }),
};

const ENGINES: Partial<Record<ProtocolName, ProtocolEngine<any>>> = { vcapi, oid4vci };

export function protocolOf({ state }: { state: AnyExchangeState }): ProtocolName {
  return ((state as { protocol?: ProtocolName }).protocol ?? 'vcapi');
}

/** The engine for a state. NotSupportedError for a protocol this wallet build does not run. */
export function engineFor({ state }: { state: AnyExchangeState }): ProtocolEngine {
  const protocol = protocolOf({ state });
  const engine = ENGINES[protocol];
  if (!engine) throw namedError({ name: 'NotSupportedError', message: `This wallet cannot run "${String(protocol).slice(0, 40)}" exchanges.` });
  return engine as unknown as ProtocolEngine;
}

/** One step of whichever protocol the state belongs to. */
export function nextExchangeStep(options: EngineNextOptions): Promise<EngineStepResult> {
  return engineFor({ state: options.state }).next(options);
}

/** What a saved state waits on, whichever its protocol. */
export function waitingEventOf({ state }: { state: AnyExchangeState }): AnyExchangeEvent | undefined {
  return engineFor({ state }).pendingEvent({ state });
}
