// Errors the service answers with. Every refusal is an HttpError with a bedrock-style `name`
// and an HTTP status; `toProblem` renders the JSON body: bedrock's {name, message, details}
// plus RFC 9457 ProblemDetails {type, title, detail, status}, so either kind of client can read it.

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

export class HttpError extends Error {
  status: number;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;

  constructor({
    name,
    status,
    message,
    details,
    headers,
    cause,
  }: {
    name: string;
    status: number;
    message: string;
    details?: Record<string, unknown>;
    headers?: Record<string, string>;
    cause?: unknown;
  }) {
    super(message, { cause });
    this.name = name;
    this.status = status;
    this.details = details;
    this.headers = headers;
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
      type: `urn:vcalm-workflow-service:error:${error.name}`,
      title: TITLES[error.status] ?? 'Error',
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
    type: 'urn:vcalm-workflow-service:error:OperationError',
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
export const validationError = (message: string, details?: Record<string, unknown>) =>
  new HttpError({ name: 'ValidationError', status: 400, message, details });
export const dataError = (message: string, details?: Record<string, unknown>, cause?: unknown) =>
  new HttpError({ name: 'DataError', status: 400, message, details, cause });
