// Normalise a failed HTTP reply once: RFC 9457 ProblemDetails, bedrock `{name, message, details}`
// and DCC `{code, message}` bodies all become one VcalmError with name, status, data, requestUrl.
import { isErrorName, type ErrorName } from '../errors';
import { vcalmError, type VcalmError } from './errors';

function nameForStatus(status: number): ErrorName {
  if (status === 401 || status === 403) return 'NotAllowedError';
  if (status === 404 || status === 410) return 'NotFoundError';
  if (status === 408) return 'TimeoutError';
  if (status === 409) return 'InvalidStateError';
  if (status === 429) return 'QuotaExceededError';
  if (status >= 400 && status < 500) return 'DataError';
  return 'OperationError';
}

function str(value: unknown, max = 2000): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

/** The server's own words for a failure, from any of the known body shapes. */
export function serverMessage({ body }: { body: unknown }): string | undefined {
  if (typeof body === 'string') return str(body, 500);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  // bedrock and DCC: message; ProblemDetails: title + detail
  const message = str(b.message);
  const title = str(b.title);
  const detail = str(b.detail);
  if (message) return message;
  if (title && detail) return `${title}: ${detail}`;
  return detail ?? title ?? (b.error && typeof b.error === 'object' ? serverMessage({ body: b.error }) : str(b.error));
}

export function errorFromResponse({ status, body, requestUrl, method = 'POST' }: {
  status: number; body: unknown; requestUrl: string; method?: string;
}): VcalmError {
  let name: ErrorName | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    // bedrock puts the error class in name (and type). Only names the wallet knows become the
    // error's name (callers branch on them); any other (a server's own `DuplicateError`) stays
    // readable in `data`, the body kept beside the error.
    for (const candidate of [b.name, b.type]) {
      if (isErrorName(candidate)) { name = candidate; break; }
    }
  }
  name ??= nameForStatus(status);
  const said = serverMessage({ body });
  const message = said
    ? `${method} ${requestUrl} failed with HTTP ${status}: ${said}`
    : `${method} ${requestUrl} failed with HTTP ${status}.`;
  return vcalmError({ name, message, status, data: body, requestUrl });
}
