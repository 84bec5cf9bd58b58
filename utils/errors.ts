// One way to make and flatten named errors, for every module (wallet, servers, CLIs).
// Errors lose their prototype across extension contexts, JSON and structured clone: callers
// branch on `name`, and `toErrorJson` gives the plain form to store, send or print.

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
  name: string; message: string; cause?: unknown; status?: number; data?: unknown; requestUrl?: string;
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
