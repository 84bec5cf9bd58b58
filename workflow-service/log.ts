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
