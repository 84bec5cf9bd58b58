// One way to make and flatten named errors, for every module (wallet, servers, CLIs).
// Errors lose their prototype across extension contexts, JSON and structured clone: callers
// branch on `name`, and `toErrorJson` gives the plain form to store, send or print.

/**
 * Every error name this project throws or branches on, in one list: a misspelt name is a type
 * error (`namedError`, `hasErrorName`), not a silent mismatch. Most are DOMException names
 * (https://webidl.spec.whatwg.org/#idl-DOMException-error-names), so pages and other wallets read
 * them the way they read the browser's own; the rest name this project's bounds.
 * Names that arrive from elsewhere (a server's body, a page) stay plain strings until checked.
 */
export const ERROR_NAMES = [
  // WebIDL / DOMException names
  'AbortError',
  'ConstraintError',
  'DataCloneError',
  'DataError',
  'InvalidStateError',
  'NetworkError',
  'NotAllowedError',
  'NotFoundError',
  'NotReadableError',
  'NotSupportedError',
  'OperationError',
  'OverconstrainedError',
  'QuotaExceededError',
  'SecurityError',
  'SyntaxError',
  'TimeoutError',
  'TypeError',
  'VersionError',
  // this project's own
  'BodySizeLimitError', // a reply or body larger than its cap
  'ExchangeTimeoutError', // a whole exchange took longer than its limit
  'InterruptedError', // a resumed exchange whose presentation may have been sent: never re-sent
  'InvalidNonceError', // OID4VCI: the issuer refused the proof's nonce
  'OAuthError', // OID4VCI/OAuth error replies of the local workflow service
  'PostgresNotFoundError', // tests: no PostgreSQL server binaries on the machine (apt-get install postgresql)
  'RedirectLimitError', // a redirect or `interact` chain too long
  'StepLimitError', // more exchange steps than allowed
  'ValidationError', // the workflow service's bedrock-style schema refusal
] as const;

export type ErrorName = (typeof ERROR_NAMES)[number];

/** Whether `name` (e.g. from a server's body or another context) is one of ours. */
export const isErrorName = (name: unknown): name is ErrorName =>
  typeof name === 'string' && (ERROR_NAMES as readonly string[]).includes(name);

/** Whether `error` (anything thrown, or its plain JSON form) carries one of `names`. */
export function hasErrorName(error: unknown, ...names: ErrorName[]): boolean {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' && (names as string[]).includes(name);
}

export interface ErrorJson {
  name: string;
  message: string;
  /** HTTP status, when the error came from a reply. */
  status?: number;
  /** The server's parsed error body (or capped text), when there was one. */
  data?: unknown;
  /** The URL whose request failed. */
  requestUrl?: string;
}

export interface NamedError extends Error {
  status?: number;
  data?: unknown;
  requestUrl?: string;
}

/** An Error with a DOMException-style `name`, an optional cause and the HTTP context if any. */
export function namedError({ name, message, cause, status, data, requestUrl }: {
  name: ErrorName; message: string; cause?: unknown; status?: number; data?: unknown; requestUrl?: string;
}): NamedError {
  const error: NamedError = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  if (status !== undefined) error.status = status;
  if (data !== undefined) error.data = data;
  if (requestUrl !== undefined) error.requestUrl = requestUrl;
  return error;
}

/** The plain JSON form of anything thrown (name, message, status, data, requestUrl; no stack). */
export function toErrorJson({ error }: { error: unknown }): ErrorJson {
  if (error && typeof error === 'object') {
    const e = error as Partial<NamedError>;
    const json: ErrorJson = {
      name: typeof e.name === 'string' && e.name ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(error),
    };
    if (typeof e.status === 'number') json.status = e.status;
    if (e.data !== undefined) json.data = e.data;
    if (typeof e.requestUrl === 'string') json.requestUrl = e.requestUrl;
    return json;
  }
  return { name: 'Error', message: String(error) };
}

/**
 * Rebuild a throwable error from its plain form (a saved state, a message from another context).
 * A name the project does not know becomes OperationError, with the original name kept in the
 * message, so code that branches on names never meets one it cannot spell.
 */
export function fromErrorJson({ json }: { json: ErrorJson }): NamedError {
  const known = isErrorName(json.name);
  return namedError({
    ...json,
    name: known ? json.name as ErrorName : 'OperationError',
    message: known ? json.message : `${json.name}: ${json.message}`,
  });
}
