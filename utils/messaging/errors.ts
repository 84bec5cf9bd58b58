// Errors cross extension contexts as plain `{name, message}` (plus an HTTP status and the
// server's own body when there was one). The receiving side rebuilds an Error and branches on `.name`.

export interface WireError {
  name: string;
  message: string;
  status?: number;
  /** The server's own error body (ProblemDetails, bedrock, DCC), when the error came from a reply. */
  data?: unknown;
}

/** A named error with an optional cause, the way every wallet service throws. */
export function namedError({ name, message, cause }: { name: string; message: string; cause?: unknown }): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = name;
  return error;
}

/** The plain, cloneable form of anything thrown. Stack traces and other fields stay behind. */
export function toWireError({ error }: { error: unknown }): WireError {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; message?: unknown; status?: unknown; data?: unknown };
    const wire: WireError = {
      name: typeof e.name === 'string' && e.name ? e.name : 'Error',
      message: typeof e.message === 'string' && e.message ? e.message : String(error),
    };
    if (typeof e.status === 'number') wire.status = e.status;
    if (e.data !== undefined) wire.data = cloneable(e.data);
    return wire;
  }
  return { name: 'Error', message: String(error) };
}

function cloneable(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return undefined;
  }
}
