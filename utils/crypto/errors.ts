/** A plain object form of an error, safe to send across extension contexts. */
export interface ErrorSummary {
  name: string;
  message: string;
}

export { namedError } from '../errors';

const MAX_MESSAGE = 300;

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
  let e = error as { name?: unknown; message?: unknown; details?: { cause?: unknown; url?: unknown } } | undefined;
  // jsonld wraps a loader failure in a long generic 'jsonld.InvalidUrl'; the loader's own
  // error (NotFoundError naming the URL) is the useful one
  const inner = e?.name === 'jsonld.InvalidUrl' ? (e.details?.cause as typeof e) : undefined;
  if (inner && typeof inner.name === 'string' && typeof inner.message === 'string') e = inner;
  const rawName = typeof e?.name === 'string' ? e.name : '';
  // jsonld's own names ('jsonld.ValidationError', …) are not names callers branch on
  const generic = !rawName || rawName === 'Error' || rawName === 'TypeError' || rawName.startsWith('jsonld.');
  const name = generic ? fallbackName : rawName;
  let message = typeof e?.message === 'string' ? e.message : String(error);
  // library messages echo untrusted values (challenges, domains, URLs) verbatim
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  if (rawName.startsWith('jsonld.')) message += ` (${rawName})`;
  return { name, message: prefix + message };
}
