// Named errors for the VCALM client. Errors lose their prototype across extension
// contexts, so callers branch on `.name`; `toErrorJson` gives the plain form to store or send.

import type { ErrorJson, ErrorName, NamedError } from '../errors';

export type { ErrorJson };
/** An error with the HTTP context of the reply that caused it (status, data, requestUrl). */
export type VcalmError = NamedError;

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
} as const satisfies Record<string, ErrorName>;

export { namedError as vcalmError, toErrorJson } from '../errors';

export { fromErrorJson } from '../errors';
