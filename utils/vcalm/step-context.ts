import type { FetchLike } from './http';
import type { ExchangeState } from './state';
import type { OnMessage } from './transcript';

/** What next() passes down to each step (not part of the saved state). */
export interface StepContext {
  fetch?: FetchLike;
  onMessage?: OnMessage;
  checkpoint?: (state: ExchangeState) => void | Promise<void>;
  signal?: AbortSignal;
}
