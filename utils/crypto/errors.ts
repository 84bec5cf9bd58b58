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
  // jsonld's own names ('jsonld.ValidationError', …) are not names callers branch on
  const generic = !rawName || rawName === 'Error' || rawName === 'TypeError' || rawName.startsWith('jsonld.');
  const name = generic ? fallbackName : rawName;
  let message = typeof e?.message === 'string' ? e.message : String(error);
  if (rawName.startsWith('jsonld.')) message += ` (${rawName})`;
  return { name, message: prefix + message };
}
