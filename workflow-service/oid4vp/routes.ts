// OID4VP for a workflow step that asks for a presentation, the way @bedrock/vc-delivery serves it:
//   GET|POST {exchange}/openid/client/authorization/request   → the authorization request (JWT)
//   POST     {exchange}/openid/client/authorization/response  → direct_post: vp_token (+ state)
// The request is the step's own VCALM request turned into DCQL by @digitalbazaar/oid4-client
// (bedrock's own converter); the answer is verified and recorded by the same step machine as a
// vcapi POST (challenge = the step's challenge, domain = the client_id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { oid4vp } from '@digitalbazaar/oid4-client';
import { signRequestObject } from '../../utils/oid4vp/sign-request';
import { participate, currentStepRequest, type EngineContext } from '../engine';
import { HttpError, notAllowed, notFound, validationError } from '../errors';
import { sendJson } from '../http';
import type { Participation, StoredExchange } from '../store';
import type { WorkflowConfig } from '../workflows';
import type { WalletKey } from '../../utils/crypto';
import { clientIdOf, responseUriOf } from './protocols';

export interface Oid4vpRouteContext {
  origin: string;
  bodyLimit: number;
  brandKey: WalletKey;
  queue: { run<T>(o: { key: string; task: (participation: Participation) => Promise<T> }): Promise<T> };
  log?: (line: string) => void;
  statusLists?: EngineContext['statusLists'];
  /** Called after a participation is stored with the steps it completed (step callbacks). */
  onStepsCompleted?: (args: { exchange: StoredExchange; steps: string[] }) => void;
}

const CORS = { 'access-control-allow-origin': '*' };

async function readForm({ req, limit }: { req: IncomingMessage; limit: number }): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new HttpError({ name: 'DataError', status: 413, message: `Request body exceeds ${limit} bytes.` });
    }
    chunks.push(chunk as Buffer);
  }
  if (!size) return {};
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError({ name: 'NotSupportedError', status: 415, message: 'Send application/x-www-form-urlencoded.' });
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

function liveOrThrow(found: { exchange: StoredExchange; expired: boolean } | undefined, workflowId: string): StoredExchange {
  const exchange = found?.exchange;
  if (!found || !exchange || exchange.workflowId !== workflowId || found.expired) throw notFound();
  if (exchange.state === 'complete' || exchange.state === 'invalid') throw notAllowed(`Exchange is ${exchange.state}.`);
  return exchange;
}

async function authorizationRequest(rc: Oid4vpRouteContext, req: IncomingMessage, res: ServerResponse, workflow: WorkflowConfig, exchangeUrl: string, id: string) {
  const form = req.method === 'POST' ? await readForm({ req, limit: rc.bodyLimit }) : {};
  const walletNonce = typeof form.wallet_nonce === 'string' && form.wallet_nonce.length <= 200 ? form.wallet_nonce : undefined;
  const clientId = clientIdOf(exchangeUrl);
  const payload = await rc.queue.run({
    key: id,
    task: async (participation) => {
      const exchange = liveOrThrow(await participation.getLive({ id }), workflow.id);
      const current = currentStepRequest({ exchange, ctx: { workflow, origin: rc.origin, brandKey: rc.brandKey, domain: clientId } });
      if (!current) throw validationError(`Step "${exchange.step}" does not ask for a presentation.`);
      if (current.changed || current.exchange.state === 'pending') {
        await participation.put({ exchange: { ...current.exchange, state: 'active', sequence: current.exchange.sequence + 1 } });
      }
      const converted: Record<string, unknown> = oid4vp.fromVpr({
        verifiablePresentationRequest: { ...current.request, domain: clientId },
        useClientIdPrefix: true,
        queryFormats: { dcql: true, presentationExchange: false },
      });
      delete converted.client_id_scheme; // 1.0: the prefix in client_id says it
      return { ...converted, client_id: clientId, response_uri: responseUriOf(exchangeUrl), state: id, ...(walletNonce ? { wallet_nonce: walletNonce } : {}) };
    },
  });
  // redirect_uri: clients must not sign: an unsigned request object (alg "none")
  const jwt = await signRequestObject({ payload });
  res.writeHead(200, { 'content-type': 'application/oauth-authz-req+jwt', 'cache-control': 'no-store', ...CORS }).end(jwt);
}

function presentationFrom(form: Record<string, string>): Record<string, unknown> {
  if (typeof form.vp_token !== 'string') throw validationError('The answer has no "vp_token".');
  let token: unknown;
  try {
    token = JSON.parse(form.vp_token);
  } catch {
    throw validationError('"vp_token" is not JSON (this verifier accepts Data Integrity presentations).');
  }
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObject(token) && !('type' in token) && !('@context' in token)) {
    // DCQL: {"<credential query id>": [VP, …]} — every entry is the same signed VP from this wallet family; take the first
    const first = Object.values(token).flatMap((v) => (Array.isArray(v) ? v : [v]))[0];
    if (!isObject(first)) throw validationError('"vp_token" holds no presentation.');
    return first;
  }
  if (isObject(token)) return token;
  throw validationError('"vp_token" holds no presentation.');
}

async function authorizationResponse(rc: Oid4vpRouteContext, req: IncomingMessage, res: ServerResponse, workflow: WorkflowConfig, exchangeUrl: string, id: string) {
  const form = await readForm({ req, limit: rc.bodyLimit });
  if (form.error) {
    rc.log?.(`exchange ${id}: the wallet answered OID4VP with error ${form.error}`);
    sendJson({ res, body: {}, headers: CORS });
    return;
  }
  const verifiablePresentation = presentationFrom(form);
  if (form.state !== undefined && form.state !== id) throw validationError('"state" does not belong to this exchange.');
  const reply = await rc.queue.run({
    key: id,
    task: async (participation) => {
      const exchange = liveOrThrow(await participation.getLive({ id }), workflow.id);
      const result = await participate({
        exchange,
        body: { verifiablePresentation },
        ctx: { workflow, origin: rc.origin, brandKey: rc.brandKey, statusLists: rc.statusLists, allocate: participation.allocate, domain: clientIdOf(exchangeUrl) },
      });
      if (result.exchange) {
        await participation.put({ exchange: result.exchange });
        rc.onStepsCompleted?.({ exchange: result.exchange, steps: result.completedSteps });
      }
      return result.reply;
    },
  });
  sendJson({ res, body: reply.redirectUrl ? { redirect_uri: reply.redirectUrl } : {}, headers: CORS });
}

/** Dispatches `{exchange}/openid/client/authorization/{request|response}`. */
export async function oid4vpRoute({ rc, req, res, workflow, exchangeUrl, id, action }: {
  rc: Oid4vpRouteContext; req: IncomingMessage; res: ServerResponse; workflow: WorkflowConfig;
  exchangeUrl: string; id: string; action: string;
}): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type, accept' }).end();
    return;
  }
  if (action === 'request' && (req.method === 'GET' || req.method === 'POST')) return authorizationRequest(rc, req, res, workflow, exchangeUrl, id);
  if (action === 'response' && req.method === 'POST') return authorizationResponse(rc, req, res, workflow, exchangeUrl, id);
  throw notFound('Not found.');
}
