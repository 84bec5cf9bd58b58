import { isErrorName, type ErrorName } from '../errors';

/** A plain object form of an error, safe to send across extension contexts. */
export interface ErrorSummary {
  name: ErrorName;
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
  fallbackName?: ErrorName;
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
  // a library's own class name (RangeError, SyntaxError from JSON, …) is kept in the message,
  // never as the name: callers branch on the project's names only
  const own = !generic && isErrorName(rawName);
  const name = own ? rawName : fallbackName;
  let message = typeof e?.message === 'string' ? e.message : String(error);
  const dropped = rawName === 'jsonld.ValidationError' ? droppedTerm({ error }) : undefined;
  if (dropped) message = dropped;
  // library messages echo untrusted values (challenges, domains, URLs) verbatim
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  if (rawName && !own && rawName !== 'Error') message += ` (${rawName})`;
  return { name, message: prefix + message };
}

/**
 * jsonld's safe mode stops at the first term, @id or @type that expansion would drop or leave
 * relative; that content is not in the signed RDF. Say which one, in words.
 */
function droppedTerm({ error }: { error: unknown }): string | undefined {
  const event = (error as { details?: { event?: { code?: unknown; details?: Record<string, unknown> } } })?.details?.event;
  if (!event || typeof event.code !== 'string') return undefined;
  const detail = event.details ?? {};
  const value = JSON.stringify(detail.property ?? detail.id ?? detail.type ?? detail.value ?? '')?.slice(0, 80);
  return `JSON-LD safe mode: ${value} is not defined by the @context (${event.code}), so it is not covered by the signature.`;
}
