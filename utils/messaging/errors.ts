// Errors cross extension contexts as plain `{name, message}` (plus an HTTP status and the
// server's own body when there was one). The receiving side rebuilds an Error and branches on `.name`.
import { hasErrorName, isErrorName, namedError, toErrorJson, type ErrorName } from '../errors';

export { hasErrorName, isErrorName, namedError, type ErrorName };

export interface WireError {
  name: string;
  message: string;
  status?: number;
  /** The server's own error body (ProblemDetails, bedrock, DCC), when the error came from a reply. */
  data?: unknown;
}

/** The plain, cloneable form of anything thrown. Stack traces and other fields stay behind. */
export function toWireError({ error }: { error: unknown }): WireError {
  const { name, message, status, data } = toErrorJson({ error });
  const wire: WireError = { name, message: message || name };
  if (status !== undefined) wire.status = status;
  if (data !== undefined) {
    const copy = cloneable(data);
    if (copy !== undefined) wire.data = copy;
  }
  return wire;
}

function cloneable(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return undefined;
  }
}

/**
 * The one conversion the wallet pages (stores, views) make of what a message rejected with: a
 * `WireError` whose name is one the project knows (anything else is an OperationError naming
 * what came), with a message to show. Never throws, whatever arrived.
 */
export function fromWire({ error }: { error: unknown }): WireError & { name: ErrorName } {
  const wire = toWireError({ error });
  if (isErrorName(wire.name)) return { ...wire, name: wire.name };
  return { ...wire, name: 'OperationError', message: wire.name === 'Error' ? wire.message : `${wire.name}: ${wire.message}` };
}
