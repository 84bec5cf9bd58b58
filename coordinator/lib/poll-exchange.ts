// pollExchange: read the exchange with backoff until it settles. Resolves on `complete` with
// the per-step results; rejects with the reason on `invalid`, expiry (404), timeout or abort.
import { abortError, createError, type CoordinatorError } from './errors';
import { checkHttpUrl, checkToken, pickFetch, type FetchLike } from './http';
import { readExchange, type Exchange, type ExchangeState } from './exchange';
import { hasErrorName } from '../../utils/errors';

export interface PollProgress {
  state: ExchangeState;
  previousState?: ExchangeState;
  exchange: Exchange;
}

export interface PollExchangeOptions {
  exchangeUrl: string;
  token: string;
  signal?: AbortSignal;
  /** Give up after this long (TimeoutError). Default: no limit besides the exchange's own expiry. */
  timeoutMs?: number;
  /** Called once with the first state read, then on every state change. */
  onProgress?: (progress: PollProgress) => void;
  /** First delay between reads (default 500 ms); grows by `backoff` up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
  backoff?: number;
  /** Network errors and 5xx/429 replies are retried this many times in a row (default 5). */
  maxRetries?: number;
  fetch?: FetchLike;
}

export interface PollResult {
  exchange: Exchange;
  /** `exchange.variables.results`: one entry per step, e.g. `results.ownerBinding.did`. */
  results: Record<string, any>;
}

/** How long past its `expires` an exchange still in progress is given before we call it expired. */
const EXPIRY_GRACE_MS = 5_000;

export function pollExchange(options: PollExchangeOptions): Promise<PollResult> {
  if (!options || typeof options !== 'object') throw new TypeError('"options" must be an object.');
  const {
    exchangeUrl, token, signal, timeoutMs, onProgress,
    intervalMs = 500, maxIntervalMs = 5_000, backoff = 1.5, maxRetries = 5, fetch,
  } = options;
  checkHttpUrl({ value: exchangeUrl, label: 'exchangeUrl' });
  checkToken(token);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new TypeError('"timeoutMs" must be a positive number.');
  if (!(Number.isFinite(intervalMs) && intervalMs > 0)) throw new TypeError('"intervalMs" must be a positive number.');
  if (!(Number.isFinite(maxIntervalMs) && maxIntervalMs >= intervalMs)) throw new TypeError('"maxIntervalMs" must be a number ≥ "intervalMs".');
  if (!(Number.isFinite(backoff) && backoff >= 1)) throw new TypeError('"backoff" must be a number ≥ 1.');
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) throw new TypeError('"maxRetries" must be a whole number ≥ 0.');
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('"onProgress" must be a function.');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('"signal" must be an AbortSignal.');
  const doFetch = pickFetch(fetch);

  // One controller for everything in flight: the caller's abort and our timeout both land here.
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  if (signal) {
    if (signal.aborted) return Promise.reject(abortError({ signal, what: 'Polling the exchange' }));
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }
  if (timeoutMs !== undefined) {
    const timer = setTimeout(() => {
      controller.abort(createError({ name: 'TimeoutError', message: `The exchange did not complete within ${timeoutMs} ms.` }));
    }, timeoutMs);
    cleanups.push(() => clearTimeout(timer));
  }

  const run = async (): Promise<PollResult> => {
    let previousState: ExchangeState | undefined;
    let delay = intervalMs;
    let failures = 0;
    for (;;) {
      let exchange: Exchange | undefined;
      try {
        exchange = await readExchange({ exchangeUrl, token, fetch: doFetch, signal: controller.signal });
        failures = 0;
      } catch (error) {
        if (controller.signal.aborted) throw stopError(controller.signal);
        if (!isTransient(error as CoordinatorError) || failures >= maxRetries) throw error;
        failures += 1;
      }
      if (exchange) {
        if (exchange.state !== previousState) {
          onProgress?.({ state: exchange.state, previousState, exchange });
          if (previousState !== undefined) delay = intervalMs;
          previousState = exchange.state;
        }
        if (exchange.state === 'complete') {
          return { exchange, results: (exchange.variables.results as Record<string, any>) ?? {} };
        }
        if (exchange.state === 'invalid') throw invalidError(exchange, exchangeUrl);
        if (exchange.expires) {
          const expiresAt = Date.parse(exchange.expires);
          if (Number.isFinite(expiresAt) && Date.now() > expiresAt + EXPIRY_GRACE_MS) {
            throw createError({
              name: 'NotFoundError',
              message: `The exchange expired at ${exchange.expires} while ${exchange.state === 'pending' ? 'no wallet had connected' : 'it was still in progress'}.`,
              data: exchange.raw,
              requestUrl: exchangeUrl,
            });
          }
        }
      }
      await sleep({ ms: delay, signal: controller.signal });
      delay = Math.min(maxIntervalMs, delay * backoff);
    }
  };

  return run().finally(() => {
    for (const cleanup of cleanups) cleanup();
  });
}

function stopError(signal: AbortSignal): CoordinatorError {
  const reason = signal.reason;
  if (reason instanceof Error && hasErrorName(reason, 'TimeoutError')) return reason as CoordinatorError;
  return abortError({ signal, what: 'Polling the exchange' });
}

function isTransient(error: CoordinatorError): boolean {
  if (hasErrorName(error, 'NetworkError')) return true;
  const status = error?.status;
  return status === 429 || status === 502 || status === 503 || status === 504;
}

function invalidError(exchange: Exchange, exchangeUrl: string): CoordinatorError {
  const last = exchange.lastError;
  const said = last?.message ?? (typeof last?.detail === 'string' ? last.detail : undefined);
  const message = said
    ? `The exchange failed${last?.name ? ` (${last.name})` : ''}: ${String(said).slice(0, 500)}`
    : 'The exchange failed: the workflow service marked it invalid and gave no reason.';
  return createError({ name: 'OperationError', message, cause: last, data: exchange.raw, requestUrl: exchangeUrl });
}

function sleep({ ms, signal }: { ms: number; signal: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(stopError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(stopError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
