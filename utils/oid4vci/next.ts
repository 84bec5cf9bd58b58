// The OID4VCI step machine, shaped like utils/vcalm's: next({state, input}) → {state, event, done}.
// discover (offer, issuer + AS metadata) → [pin] → token → nonce → proof → credential →
// credentials (the caller verifies, asks, stores) → complete. The state is plain JSON: save it
// after every call and in `checkpoint` before every POST.
import { namedError, toErrorJson } from '../errors';
import { resolveLimits, type ExchangeLimits } from '../vcalm/limits';
import { discover } from './discover';
import { oid4vciEventForState, pinEvent, type Oid4vciEvent, type Oid4vciInput, type Oid4vciStepResult } from './events';
import { requestCredentials, requestToken, wrapCredentials } from './issue';
import type { Authorize, HolderFor } from './step-context';
import type { StepContext } from './step-context';
import { checkOid4vciState, OID4VCI_TERMINAL, type Oid4vciState } from './state';
import type { FetchLike } from '../vcalm/http';
import type { OnMessage } from '../vcalm/transcript';

export interface Oid4vciNextOptions {
  state: Oid4vciState;
  input?: Oid4vciInput;
  fetch?: FetchLike;
  onMessage?: OnMessage;
  checkpoint?: (state: Oid4vciState) => void | Promise<void>;
  limits?: Partial<ExchangeLimits>;
  signal?: AbortSignal;
  /** Lends the holder key for the proof of possession (required unless the issuer asks for none). */
  holder?: HolderFor;
  authorize?: Authorize;
  redirectUri?: string;
}

function checkPin(state: Oid4vciState, txCode: unknown): string {
  if (typeof txCode !== 'string' || !txCode || txCode.length > 64) {
    throw namedError({ name: 'DataError', message: 'The transaction code must be 1–64 characters.' });
  }
  if (state.txCode?.input_mode !== 'text' && !/^\d+$/.test(txCode)) {
    throw namedError({ name: 'DataError', message: 'The transaction code must be digits only.' });
  }
  return txCode;
}

export async function nextOid4vci(options: Oid4vciNextOptions): Promise<Oid4vciStepResult> {
  if (!options || typeof options !== 'object') throw new TypeError('"options" must be an object.');
  const state = structuredClone(checkOid4vciState({ state: options.state }));
  if (options.limits) state.limits = resolveLimits({ limits: { ...state.limits, ...options.limits } });
  const rest = oid4vciEventForState({ state });
  if (rest) return { state, event: rest, done: true };
  if (state.status === 'pin') {
    const input = options.input;
    if (!input || (input.type !== 'pin' && input.type !== 'decline')) {
      throw new TypeError('"input" must be {type: "pin", txCode} or {type: "decline"} while a transaction code is asked.');
    }
  }
  const ctx: StepContext = {
    fetch: options.fetch, onMessage: options.onMessage, checkpoint: options.checkpoint, signal: options.signal,
    holder: options.holder, authorize: options.authorize, redirectUri: options.redirectUri,
  };
  try {
    const event = await advance({ state, input: options.input, ctx });
    state.updatedAt = new Date().toISOString();
    return { state, event, done: OID4VCI_TERMINAL.includes(state.status) };
  } catch (error) {
    for (const key of ['pending', 'offered', 'accessToken', 'cNonce', 'txCodeValue', 'pkce'] as const) delete state[key];
    state.status = 'failed';
    state.error = toErrorJson({ error });
    state.updatedAt = new Date().toISOString();
    return { state, event: { type: 'failed', error: state.error }, done: true };
  }
}

async function advance({ state, input, ctx }: { state: Oid4vciState; input?: Oid4vciInput; ctx: StepContext }): Promise<Oid4vciEvent> {
  if (Date.now() > state.deadline) throw namedError({ name: 'ExchangeTimeoutError', message: 'The issuance ran past its time limit.' });
  if (state.status === 'pin') {
    if (input!.type === 'decline') {
      state.status = 'declined';
      state.error = { name: 'NotAllowedError', message: `You declined the offer from ${state.origin}; nothing was issued.` };
      return { type: 'declined', message: state.error.message };
    }
    state.txCodeValue = checkPin(state, (input as { txCode: string }).txCode);
    state.status = 'ready';
  } else if (state.status === 'credentials') {
    delete state.offered;
    state.status = 'complete';
    return { type: 'complete', received: state.received, presented: state.presented };
  } else if (state.status === 'posting') {
    const pending = state.pending;
    delete state.pending;
    if (pending?.step !== 'token') {
      // The credential request carried a single-use proof; the issuer may have issued and the
      // reply is gone. Never re-send it: end with a name the wallet can explain.
      throw namedError({
        name: 'InterruptedError',
        message: `The wallet stopped after asking ${state.origin} for the credential and before the reply was saved. `
          + 'The request was not sent again; if the issuer issued it, ask the issuer for a new offer.',
        ...(pending ? { requestUrl: pending.url } : {}),
      });
    }
    state.warnings.push(`Resumed after an interruption: asked ${pending.url} for a token again.`);
    state.status = 'ready';
  }
  if (state.status === 'discover') {
    await discover({ state, ctx });
    if ((state.status as Oid4vciState['status']) === 'pin') return pinEvent({ state });
  }
  if (state.status !== 'ready') {
    throw namedError({ name: 'InvalidStateError', message: `The issuance cannot continue from status "${state.status}".` });
  }
  if (!state.accessToken) await requestToken({ state, ctx });
  const credentials = await requestCredentials({ state, ctx });
  delete state.accessToken;
  delete state.cNonce;
  state.offered = [wrapCredentials({ credentials })];
  state.received += 1;
  state.status = 'credentials';
  return { type: 'credentials', presentations: state.offered, exchangeUrl: state.exchangeUrl!, origin: state.origin };
}
