// Status routes:
//   GET  /status-lists/{revocation|suspension}   (no auth, any origin) → the signed BitstringStatusListCredential
//   POST /credentials/status  (bearer)  {credentialId, credentialStatus: {statusPurpose}, status} → 200
// The body shape is the one @bedrock/vc-issuer's status endpoint takes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, notFound, unknownOption, validationError } from './errors';
import { readJsonBody, requireBearer, sendJson } from './http';
import type { ServiceContext } from './routes';
import { logEvent } from './log';

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' };
const methodNotAllowed = (allow: string) =>
  new HttpError({ name: 'NotSupportedError', status: 405, message: `Use ${allow}.`, headers: { allow } });

/** Answers a status route and returns true, or returns false for any other path. */
export async function statusRoute({ ctx, req, res, parts, method }: {
  ctx: ServiceContext;
  req: IncomingMessage;
  res: ServerResponse;
  parts: string[];
  method: string;
}): Promise<boolean> {
  if (parts[0] === 'status-lists' && parts.length === 2) {
    if (!ctx.statusLists) throw notFound('This service issues no status lists.');
    if (method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'access-control-max-age': '600' }).end();
      return true;
    }
    if (method !== 'GET') throw methodNotAllowed('GET');
    const credential = await ctx.statusLists.listCredential({ purpose: parts[1] });
    // a short cache: verifiers may hold it a minute, a revocation shows within that
    sendJson({ res, body: credential, headers: { ...CORS, 'cache-control': 'public, max-age=60' } });
    return true;
  }
  if (parts[0] === 'credentials' && parts[1] === 'status' && parts.length === 2) {
    if (method !== 'POST') throw methodNotAllowed('POST');
    requireBearer({ req, token: ctx.token });
    if (!ctx.statusLists) throw notFound('This service issues no status lists.');
    const body = await readJsonBody({ req, limit: ctx.bodyLimit });
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw validationError('The body must be {credentialId, credentialStatus: {statusPurpose}, status}.');
    }
    const { credentialId, credentialStatus, status, ...rest } = body as Record<string, unknown>;
    if (Object.keys(rest).length) throw unknownOption(`Unknown property "${Object.keys(rest)[0].slice(0, 50)}".`);
    const purpose = credentialStatus && typeof credentialStatus === 'object' ? (credentialStatus as Record<string, unknown>).statusPurpose : undefined;
    const result = await ctx.statusLists.setStatus({ credentialId, purpose, status });
    logEvent(ctx.log, { event: 'credential.status', statusPurpose: result.statusPurpose, status: String(result.status) });
    sendJson({ res, body: result });
    return true;
  }
  return false;
}
