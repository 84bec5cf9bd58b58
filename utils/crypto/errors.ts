/** A plain object form of an error, safe to send across extension contexts. */
export interface ErrorSummary {
  name: string;
  message: string;
}

/** Creates an Error with a DOMException-style `name` and an optional cause. */
export function namedError({
  name,
  message,
  cause,
}: {
  name: string;
  message: string;
  cause?: unknown;
}): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  return error;
}

/** Library errors are mostly plain `Error`s; give them a domain name. */
export function summarizeError({
  error,
  fallbackName = 'DataError',
  prefix = '',
}: {
  error: unknown;
  fallbackName?: string;
  prefix?: string;
}): ErrorSummary {
  const e = error as { name?: unknown; message?: unknown } | undefined;
  const rawName = typeof e?.name === 'string' ? e.name : '';
  const name = !rawName || rawName === 'Error' || rawName === 'TypeError' ? fallbackName : rawName;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return { name, message: prefix + message };
}
