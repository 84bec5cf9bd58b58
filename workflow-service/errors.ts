// Errors the service answers with. Every refusal is an HttpError with a bedrock-style `name`
// and an HTTP status; `toProblem` renders the JSON body: bedrock's {name, message, details}
// plus RFC 9457 ProblemDetails {type, title, detail, status}, so either kind of client can read it.
// VCALM §3.8 (Errors): `type` MUST be a URL identifying the problem. The spec's own types are
// used where one fits (UNKNOWN_OPTION_PROVIDED; the VC Data Model 2.0 error codes); anything else
// points at the HTTP status's definition in RFC 9110.
import type { ErrorName } from '../utils/errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

/** ProblemDetails types this service sends (VCALM §3.8, VC Data Model 2.0 §7.1 error codes). */
export const PROBLEM_TYPES = {
  UNKNOWN_OPTION_PROVIDED: 'https://www.w3.org/TR/vcalm#UNKNOWN_OPTION_PROVIDED',
  PARSING_ERROR: 'https://www.w3.org/TR/vc-data-model-2.0/#PARSING_ERROR',
  CRYPTOGRAPHIC_SECURITY_ERROR: 'https://www.w3.org/TR/vc-data-model-2.0/#CRYPTOGRAPHIC_SECURITY_ERROR',
  MALFORMED_VALUE_ERROR: 'https://www.w3.org/TR/vc-data-model-2.0/#MALFORMED_VALUE_ERROR',
  RANGE_ERROR: 'https://www.w3.org/TR/vc-data-model-2.0/#RANGE_ERROR',
} as const;
export type ProblemCode = keyof typeof PROBLEM_TYPES;

/** The RFC 9110 section that defines an HTTP status: the `type` of errors no spec code names. */
const statusType = (status: number) => `https://www.rfc-editor.org/rfc/rfc9110#status.${status}`;

export class HttpError extends Error {
  status: number;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A VCALM / VC Data Model error code, when one describes the problem. */
  code?: ProblemCode;

  constructor({
    name,
    status,
    message,
    details,
    headers,
    cause,
    code,
  }: {
    name: ErrorName;
    status: number;
    message: string;
    details?: Record<string, unknown>;
    headers?: Record<string, string>;
    cause?: unknown;
    code?: ProblemCode;
  }) {
    super(message, { cause });
    this.name = name;
    this.status = status;
    this.details = details;
    this.headers = headers;
    this.code = code;
  }
}

export interface Problem {
  name: string;
  message: string;
  type: string;
  title: string;
  detail: string;
  status: number;
  details?: Record<string, unknown>;
}

/** The JSON body for an error. Unknown (non-HttpError) errors become a generic 500. */
export function toProblem({ error }: { error: unknown }): Problem {
  if (error instanceof HttpError) {
    const problem: Problem = {
      name: error.name,
      message: error.message,
      type: error.code ? PROBLEM_TYPES[error.code] : statusType(error.status),
      title: error.code ?? TITLES[error.status] ?? 'Error',
      detail: error.message,
      status: error.status,
    };
    if (error.details) problem.details = { httpStatusCode: error.status, ...error.details };
    else problem.details = { httpStatusCode: error.status };
    return problem;
  }
  return {
    name: 'OperationError',
    message: 'An internal error occurred.',
    type: statusType(500),
    title: TITLES[500],
    detail: 'An internal error occurred.',
    status: 500,
    details: { httpStatusCode: 500 },
  };
}

// Shorthands for the refusals the service gives.
export const notFound = (message = 'Exchange not found.') =>
  new HttpError({ name: 'NotFoundError', status: 404, message });
export const notAllowed = (message: string, status = 403, headers?: Record<string, string>) =>
  new HttpError({ name: 'NotAllowedError', status, message, headers });
export const validationError = (message: string, details?: Record<string, unknown>, code: ProblemCode = 'MALFORMED_VALUE_ERROR') =>
  new HttpError({ name: 'ValidationError', status: 400, message, details, code });
/** VCALM §2.4: a property the endpoint does not understand is an error, typed UNKNOWN_OPTION_PROVIDED. */
export const unknownOption = (message: string, details?: Record<string, unknown>) =>
  new HttpError({ name: 'ValidationError', status: 400, message, details, code: 'UNKNOWN_OPTION_PROVIDED' });
export const dataError = (message: string, details?: Record<string, unknown>, cause?: unknown, code: ProblemCode = 'MALFORMED_VALUE_ERROR') =>
  new HttpError({ name: 'DataError', status: 400, message, details, cause, code });

/** An exchange's `lastError` as VCALM's GetExchangeResponse has it (a ProblemDetails), keeping bedrock's fields. */
export function lastErrorProblem(lastError: { name: string; message: string }) {
  return { name: lastError.name, message: lastError.message, type: statusType(500), title: TITLES[500], detail: lastError.message };
}
