// Named errors for the VCALM client. Errors lose their prototype across extension
// contexts, so callers branch on `.name`; `toErrorJson` gives the plain form to store or send.

export interface VcalmError extends Error {
  status?: number; // HTTP status, when the error came from a reply
  data?: unknown; // the server's parsed error body (or text), when there was one
  requestUrl?: string; // the URL whose request failed
}

export interface ErrorJson {
  name: string;
  message: string;
  status?: number;
  data?: unknown;
  requestUrl?: string;
}

/** Names this library throws or reports for its own bounds and checks. */
export const ERROR_NAMES = {
  data: 'DataError', // malformed URL / reply / state
  notSupported: 'NotSupportedError', // iuv != 1, no vcapi protocol, unknown scheme
  notAllowed: 'NotAllowedError', // insecure URL, credentials in URL, user declined
  timeout: 'TimeoutError', // one request took longer than limits.requestTimeoutMs
  exchangeTimeout: 'ExchangeTimeoutError', // the whole exchange passed limits.totalTimeoutMs
  steps: 'StepLimitError', // more than limits.maxSteps POSTs
  redirects: 'RedirectLimitError', // interaction-URL redirect chain or `interact` hops too long
  bodySize: 'BodySizeLimitError', // a reply larger than limits.maxBodyBytes
  network: 'NetworkError', // fetch itself failed (DNS, refused, reset)
  interrupted: 'InterruptedError', // resumed after a presentation was sent but its reply was lost
  invalidState: 'InvalidStateError', // next() called with an input that does not fit the state
} as const;

export function vcalmError({ name, message, cause, status, data, requestUrl }: {
  name: string; message: string; cause?: unknown; status?: number; data?: unknown; requestUrl?: string;
}): VcalmError {
  const error = new Error(message, cause === undefined ? undefined : { cause }) as VcalmError;
  error.name = name;
  if (status !== undefined) error.status = status;
  if (data !== undefined) error.data = data;
  if (requestUrl !== undefined) error.requestUrl = requestUrl;
  return error;
}

/** Plain JSON form of any thrown value (keeps name, message, status, data, requestUrl). */
export function toErrorJson({ error }: { error: unknown }): ErrorJson {
  if (error && typeof error === 'object') {
    const e = error as Partial<VcalmError>;
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

/** Rebuild a throwable error from its JSON form (e.g. a saved `state.error`). */
export function fromErrorJson({ json }: { json: ErrorJson }): VcalmError {
  return vcalmError(json);
}
