// Named errors for the coordinator library. Callers branch on `error.name`, never on the class:
// the name survives JSON, structured clone and extension message passing, the prototype does not.

import type { ErrorName } from '../../utils/errors';

export interface CoordinatorErrorOptions {
  name: ErrorName;
  message: string;
  cause?: unknown;
  /** HTTP status of the reply that caused the error, when there was one. */
  status?: number;
  /** The parsed reply body (JSON or capped text), when there was one. */
  data?: unknown;
  /** The URL that was requested. */
  requestUrl?: string;
}

export type { NamedError as CoordinatorError } from '../../utils/errors';
import type { NamedError as CoordinatorError } from '../../utils/errors';

export { namedError as createError } from '../../utils/errors';
import { hasErrorName, namedError as createError } from '../../utils/errors';

/** The error an aborted operation rejects with: AbortError, with the signal's reason as cause. */
export function abortError({ signal, what }: { signal: AbortSignal; what: string }): CoordinatorError {
  const reason = signal.reason;
  if (reason instanceof Error && hasErrorName(reason, 'TimeoutError')) {
    return createError({ name: 'TimeoutError', message: `${what} timed out.`, cause: reason });
  }
  return createError({ name: 'AbortError', message: `${what} was aborted.`, cause: reason });
}
