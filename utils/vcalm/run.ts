// Drive next() to the end with callbacks — for the CLI, benchmarks and tests. The extension
// calls next() itself so it can save the state and ask the user between steps.
import type { ExchangeEvent, StepResult } from './events';
import type { FetchLike } from './http';
import type { ExchangeLimits } from './limits';
import { next } from './next';
import { createExchange, type ExchangeState } from './state';
import type { OnMessage } from './transcript';

type RequestEvent = Extract<ExchangeEvent, { type: 'request' }>;
type CredentialsEvent = Extract<ExchangeEvent, { type: 'credentials' }>;

export interface RunResult {
  state: ExchangeState;
  event: ExchangeEvent; // the last one: complete, declined or failed
  events: ExchangeEvent[];
  presentations: Record<string, unknown>[]; // every VP offered during the exchange
}

export async function runExchange({ interactionUrl, exchangeUrl, state, answer, onCredentials, onEvent, fetch, onMessage, checkpoint, limits, signal }: {
  interactionUrl?: string;
  exchangeUrl?: string; // start at a VC-API exchange URL instead (no discovery)
  state?: ExchangeState; // resume this one instead of starting at interactionUrl / exchangeUrl
  answer: (event: RequestEvent) => Promise<Record<string, unknown> | null>; // null = decline
  onCredentials?: (event: CredentialsEvent) => void | Promise<void>;
  onEvent?: (result: StepResult) => void | Promise<void>;
  fetch?: FetchLike;
  onMessage?: OnMessage;
  checkpoint?: (state: ExchangeState) => void | Promise<void>;
  limits?: Partial<ExchangeLimits>;
  signal?: AbortSignal;
}): Promise<RunResult> {
  if (typeof answer !== 'function') throw new TypeError('"answer" must be a function.');
  let current = state ?? createExchange({ interactionUrl, exchangeUrl, limits });
  const events: ExchangeEvent[] = [];
  const presentations: Record<string, unknown>[] = [];
  let input: Parameters<typeof next>[0]['input'];
  for (;;) {
    const result = await next({ state: current, input, fetch, onMessage, checkpoint, signal });
    current = result.state;
    events.push(result.event);
    await onEvent?.(result);
    input = undefined;
    if (result.done) return { state: current, event: result.event, events, presentations };
    if (result.event.type === 'credentials') {
      presentations.push(...result.event.presentations);
      await onCredentials?.(result.event);
    } else if (result.event.type === 'request') {
      const vp = await answer(result.event);
      input = vp ? { type: 'presentation', verifiablePresentation: vp } : { type: 'decline' };
    }
  }
}
