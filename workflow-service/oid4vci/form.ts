// application/x-www-form-urlencoded request bodies (the OAuth token endpoint), size-capped.
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../errors';
import { OAuthError } from './oauth-error';

export async function readFormBody({ req, limit }: { req: IncomingMessage; limit: number }): Promise<Record<string, string>> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    throw new OAuthError({ error: 'invalid_request', description: 'Send the token request as application/x-www-form-urlencoded.' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new HttpError({ name: 'DataError', status: 413, message: `Request body is larger than ${limit} bytes.` });
    }
    chunks.push(chunk as Buffer);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}
