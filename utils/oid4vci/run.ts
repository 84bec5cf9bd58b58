// Drive nextOid4vci() to the end with callbacks — for the CLI, benchmarks and tests. The extension
// calls it step by step through utils/wallet's runner so it can save and ask between steps.
import type { ExchangeLimits } from '../vcalm/limits';
import type { FetchLike } from '../vcalm/http';
import type { OnMessage } from '../vcalm/transcript';
import type { Oid4vciEvent, Oid4vciInput } from './events';
import { nextOid4vci } from './next';
import { createOid4vciExchange, type Oid4vciState } from './state';
import type { HolderFor } from './step-context';

export interface Oid4vciRunResult {
  state: Oid4vciState;
  event: Oid4vciEvent; // complete, declined or failed
  events: Oid4vciEvent[];
  presentations: Record<string, unknown>[];
}

export async function runOid4vci({ offerUrl, holder, pin, onCredentials, onEvent, fetch, onMessage, limits, signal }: {
  offerUrl: string;
  holder: HolderFor;
  /** Asked when the offer needs a transaction code; null declines. */
  pin?: (event: Extract<Oid4vciEvent, { type: 'pin' }>) => Promise<string | null>;
  onCredentials?: (event: Extract<Oid4vciEvent, { type: 'credentials' }>) => void | Promise<void>;
  onEvent?: (event: Oid4vciEvent) => void | Promise<void>;
  fetch?: FetchLike;
  onMessage?: OnMessage;
  limits?: Partial<ExchangeLimits>;
  signal?: AbortSignal;
}): Promise<Oid4vciRunResult> {
  let state = createOid4vciExchange({ offerUrl, limits });
  const events: Oid4vciEvent[] = [];
  const presentations: Record<string, unknown>[] = [];
  let input: Oid4vciInput | undefined;
  for (let round = 0; round < 8; round++) {
    const result = await nextOid4vci({ state, input, holder, fetch, onMessage, signal });
    state = result.state;
    events.push(result.event);
    await onEvent?.(result.event);
    input = undefined;
    if (result.done) return { state, event: result.event, events, presentations };
    if (result.event.type === 'credentials') {
      presentations.push(...result.event.presentations);
      await onCredentials?.(result.event);
    } else if (result.event.type === 'pin') {
      const code = pin ? await pin(result.event) : null;
      input = code === null ? { type: 'decline' } : { type: 'pin', txCode: code };
    }
  }
  throw Object.assign(new Error('The issuance did not settle.'), { name: 'StepLimitError' });
}
