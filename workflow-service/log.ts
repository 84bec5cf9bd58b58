// Structured logs: one JSON object per line, written to the sink the service was given (none in
// tests, so they stay quiet). Only what an operator needs to follow an exchange: event, method,
// route, status, timing, workflow and exchange ids, step and state. Never bodies, presentations,
// credentials, tokens, query strings or headers.
export type LogSink = (line: string) => void;

export interface LogFields {
  event: string;
  [key: string]: string | number | boolean | undefined;
}

export function logEvent(sink: LogSink | undefined, fields: LogFields): void {
  if (!sink) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), ...fields };
  for (const key of Object.keys(entry)) if (entry[key] === undefined) delete entry[key];
  sink(JSON.stringify(entry));
}

/** A sink for code that logs free text (OpenID routes): each line becomes `{event: "note", message}`. */
export const noteSink = (sink: LogSink | undefined): LogSink | undefined =>
  sink && ((line: string) => logEvent(sink, { event: 'note', message: line.slice(0, 500) }));

/**
 * A sink that gathers lines and writes them with one `write` call at most every `intervalMs`
 * (or at once past `maxBytes`): stderr to a pipe or file is a synchronous write per call in
 * Node, and each write wakes the reader (journald, docker, the bench's parent) — one per request
 * line was ~4-5 % of the service's time under load. `flush()` writes what is pending (at exit).
 */
export function batchedSink(write: (text: string) => void, { intervalMs = 50, maxBytes = 64 * 1024 } = {}): LogSink & { flush(): void } {
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    size = 0;
    write(text);
  };
  return Object.assign((line: string) => {
    pending.push(line);
    size += line.length + 1;
    if (size >= maxBytes) flush();
    else if (!timer) timer = setTimeout(flush, intervalMs).unref(); // unref: the exit handler flushes
  }, { flush });
}
