// Small node:http helpers: a bounded JSON body reader, JSON replies, bearer-token checks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { HttpError, toProblem, dataError, notAllowed } from './errors';
import { checkJson } from '../utils/json-bounds';

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // 1 MB

const tooLarge = (limit: number) =>
  new HttpError({
    name: 'DataError',
    status: 413,
    message: `Request body exceeds ${limit} bytes.`,
    details: { limit },
  });

/**
 * Reads and parses a JSON request body of at most `limit` bytes. An empty body is `undefined`.
 * Refuses other media types (415), oversized bodies (413) and invalid JSON (400 DataError).
 */
export async function readJsonBody({
  req,
  limit = DEFAULT_BODY_LIMIT,
}: {
  req: IncomingMessage;
  limit?: number;
}): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain without buffering
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type && type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError({
      name: 'NotSupportedError',
      status: 415,
      message: `Content-Type "${type}" is not supported; send application/json.`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (cause) {
    throw dataError('Request body is not valid JSON.', undefined, cause, 'PARSING_ERROR');
  }
  try {
    // depth, size and prototype keys, before any handler (or jsonld) walks it
    return checkJson({ value: body, what: 'The request body' });
  } catch (cause) {
    throw dataError((cause as Error).message, undefined, cause);
  }
}

export function sendJson({
  res,
  status = 200,
  body,
  headers = {},
}: {
  res: ServerResponse;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}): void {
  const common = { 'cache-control': 'no-store', ...headers };
  if (body === undefined) {
    res.writeHead(status, common).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      ...common,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    })
    .end(text);
}

export function sendError({ res, error }: { res: ServerResponse; error: unknown }): void {
  const problem = toProblem({ error });
  const headers = error instanceof HttpError ? error.headers : undefined;
  // An error raised before the body was fully read: tell the client we won't read more.
  const extra: Record<string, string> = problem.status === 413 ? { connection: 'close' } : {};
  sendJson({ res, status: problem.status, body: problem, headers: { ...extra, ...headers } });
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Throws 401 (no bearer token) or 403 (wrong token); compares in constant time. */
export function requireBearer({ req, token }: { req: IncomingMessage; token: string }): void {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    throw notAllowed('A bearer token is required (Authorization: Bearer <token>).', 401, {
      'www-authenticate': 'Bearer realm="workflow-service"',
    });
  }
  // Hash both sides so the comparison is constant-time whatever the lengths.
  if (!timingSafeEqual(digest(match[1]), digest(token))) {
    throw notAllowed('The bearer token is not valid.', 403);
  }
}
