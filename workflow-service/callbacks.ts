// VCALM §3.6.7 exchange step callbacks: after a step runs, POST `{event: {data: {exchangeId}}}`
// (exchangeId = the exchange URL, where the coordinator reads the state with its own token) to
// the step's `callback.url` and to the exchange's. Sent in the background: a slow or failing
// callback never delays or fails the participation. Retried with exponential backoff on network
// errors, 408, 429 and 5xx; abandoned (and logged) after the last attempt or when the service closes.
import { logEvent, type LogSink } from './log';

export interface CallbackOptions {
  /** Tries per callback, first included (default 5). */
  attempts?: number;
  /** Wait before the 2nd try; doubles after each (default 500 ms). */
  baseDelayMs?: number;
  /** Per-try timeout (default 5 s). */
  timeoutMs?: number;
}

export interface CallbackSender {
  notify(args: { urls: string[]; exchangeUrl: string; exchangeId: string; steps: string[] }): void;
  /** Waits for callbacks being sent now; pending retries are abandoned. */
  close(): Promise<void>;
}

const retriable = (status: number) => status === 408 || status === 429 || status >= 500;

export function createCallbackSender({ log, attempts = 5, baseDelayMs = 500, timeoutMs = 5000 }: CallbackOptions & { log?: LogSink } = {}): CallbackSender {
  const controller = new AbortController();
  const running = new Set<Promise<void>>();

  const wait = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    controller.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

  async function deliver(url: string, exchangeUrl: string, exchangeId: string, steps: string[]) {
    const body = JSON.stringify({ event: { data: { exchangeId: exchangeUrl } } });
    let outcome = 'failed';
    let attempt = 0;
    for (; attempt < attempts && !controller.signal.aborted; attempt++) {
      if (attempt > 0) await wait(baseDelayMs * 2 ** (attempt - 1));
      if (controller.signal.aborted) break;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          redirect: 'manual', // a callback URL is a capability; never follow it elsewhere
          signal: AbortSignal.any([controller.signal, AbortSignal.timeout(timeoutMs)]),
        });
        await response.body?.cancel();
        if (response.ok) { outcome = 'delivered'; break; }
        if (!retriable(response.status)) { outcome = `refused ${response.status}`; break; }
      } catch {
        // network error or timeout: try again
      }
    }
    if (outcome === 'failed' && controller.signal.aborted) outcome = 'abandoned';
    // the callback URL itself is a capability: log its origin only
    logEvent(log, { event: 'callback', outcome, exchangeId, steps: steps.join(','), origin: new URL(url).origin, attempts: Math.min(attempt + 1, attempts) });
  }

  return {
    notify({ urls, exchangeUrl, exchangeId, steps }) {
      for (const url of new Set(urls)) {
        // deliver() logs every outcome itself and never lets a callback fail the participation
        const task = deliver(url, exchangeUrl, exchangeId, steps).catch(() => undefined);
        running.add(task);
        void task.finally(() => running.delete(task));
      }
    },
    async close() {
      controller.abort();
      await Promise.all([...running]);
    },
  };
}
