// The HTTP surface. One handler, a handful of routes:
//   POST /workflows/{w}/exchanges               create (bearer)            → 204 + Location
//   GET  /workflows/{w}/exchanges/{e}           read (bearer)              → {exchange}
//   GET  /workflows/{w}/exchanges/{e}?iuv=1     interaction URL (no auth)  → {protocols} | HTML
//   POST /workflows/{w}/exchanges/{e}           participate (no auth)      → reply
//   GET  /workflows/{w}/exchanges/{e}/protocols (no auth)                  → {protocols}
//   GET  /workflows/{w}                         what the workflow needs (no auth) → {id, exchanges, …}
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, notFound, validationError, notAllowed } from './errors';
import { readJsonBody, requireBearer, sendError, sendJson } from './http';
import { interactionPage } from './interaction-page';
import { exchangeView, parseCreateBody } from './exchange-view';
import { participate } from './engine';
import { newExchangeId, type ExchangeStore, type StoredExchange } from './store';
import type { KeyedQueue } from './keyed-queue';
import type { WorkflowConfig } from './workflows';
import type { WalletKey } from '../utils/crypto';
import { exchangeProtocols } from './oid4vp/protocols';
import { oid4vpRoute } from './oid4vp/routes';
import { handleOid4vci, oid4vciActionOf } from './oid4vci/routes';
import { offerProtocol, oid4vciOffering, oid4vciVariables } from './oid4vci/metadata';
import type { StatusLists } from './status-lists';
import { statusRoute } from './status-routes';

export interface ServiceContext {
  baseUrl: string;
  origin: string;
  token: string;
  bodyLimit: number;
  store: ExchangeStore;
  queue: KeyedQueue;
  workflows: Map<string, WorkflowConfig>;
  brandKey: WalletKey;
  statusLists?: StatusLists;
  log?: (line: string) => void;
}

// Participation and discovery may be called from any web origin (no credentials involved).
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, accept',
};

const methodNotAllowed = (allow: string) =>
  new HttpError({ name: 'NotSupportedError', status: 405, message: `Use ${allow}.`, headers: { allow } });

function workflowOf(ctx: ServiceContext, id: string): WorkflowConfig {
  const workflow = ctx.workflows.get(id);
  if (!workflow) throw new HttpError({ name: 'NotFoundError', status: 404, message: `Workflow "${id}" not found.` });
  return workflow;
}

/** The stored exchange, or 404 when unknown, expired or belonging to another workflow. */
async function liveExchange(ctx: ServiceContext, workflowId: string, id: string): Promise<StoredExchange> {
  const exchange = await ctx.store.get({ id });
  if (!exchange || exchange.workflowId !== workflowId) throw notFound('Exchange not found.');
  if (Date.parse(exchange.expires) <= Date.now()) throw notFound('Exchange has expired.');
  return exchange;
}

export function exchangeUrlOf(ctx: ServiceContext, workflowId: string, id: string) {
  return `${ctx.baseUrl}/workflows/${workflowId}/exchanges/${id}`;
}

async function create(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string) {
  requireBearer({ req, token: ctx.token });
  const workflow = workflowOf(ctx, workflowId);
  const body = await readJsonBody({ req, limit: ctx.bodyLimit });
  const { expires, variables } = parseCreateBody({ body, workflow });
  const exchange: StoredExchange = {
    id: newExchangeId(),
    workflowId,
    state: 'pending',
    sequence: 0,
    created: new Date().toISOString(),
    expires,
    step: workflow.initialStep,
    variables: { ...variables, results: {} },
    challenges: {},
  };
  await ctx.store.put({ exchange });
  sendJson({ res, status: 204, headers: { location: exchangeUrlOf(ctx, workflowId, exchange.id) } });
}

async function read(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string, id: string) {
  requireBearer({ req, token: ctx.token });
  workflowOf(ctx, workflowId);
  sendJson({ res, body: exchangeView({ exchange: await liveExchange(ctx, workflowId, id) }) });
}

/**
 * vcapi; OID4VCI (bedrock's name and shape) for exchanges created for OpenID4VCI whose workflow an
 * OpenID4VCI wallet can complete; else OID4VP when the step asks for credentials (as bedrock does).
 */
function protocolsOf(ctx: ServiceContext, exchange: StoredExchange): Record<string, string> {
  const exchangeUrl = exchangeUrlOf(ctx, exchange.workflowId, exchange.id);
  const workflow = workflowOf(ctx, exchange.workflowId);
  const openId = oid4vciVariables({ exchange }) && oid4vciOffering({ workflow });
  return exchangeProtocols({ exchangeUrl, workflow, exchange, extra: openId ? { OID4VCI: offerProtocol({ exchangeUrl }) } : {} });
}

async function protocols(ctx: ServiceContext, res: ServerResponse, workflowId: string, id: string) {
  workflowOf(ctx, workflowId);
  const exchange = await liveExchange(ctx, workflowId, id);
  sendJson({ res, body: { protocols: protocolsOf(ctx, exchange) }, headers: CORS });
}

async function interaction(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string, id: string) {
  workflowOf(ctx, workflowId);
  const exchange = await liveExchange(ctx, workflowId, id);
  const exchangeUrl = exchangeUrlOf(ctx, workflowId, id);
  const accept = String(req.headers.accept ?? '');
  if (/application\/(?:[\w.+-]*\+)?json/i.test(accept)) {
    sendJson({ res, body: { protocols: protocolsOf(ctx, exchange) }, headers: { ...CORS, vary: 'accept' } });
    return;
  }
  const html = await interactionPage({ interactionUrl: `${exchangeUrl}?iuv=1`, state: exchange.state });
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', vary: 'accept' })
    .end(html);
}

async function participateRoute(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string, id: string) {
  const workflow = workflowOf(ctx, workflowId);
  const raw = await readJsonBody({ req, limit: ctx.bodyLimit });
  const body = raw === undefined ? {} : raw; // an empty body counts as {}; `null` does not
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError('The body must be a JSON object: {} or {"verifiablePresentation": {...}}.');
  }
  const message = body as Record<string, unknown>;
  const vp = message.verifiablePresentation;
  if (vp !== undefined && (vp === null || typeof vp !== 'object' || Array.isArray(vp))) {
    throw validationError('"verifiablePresentation" must be a JSON object (one presentation).');
  }
  // One message at a time per exchange: the second of two concurrent POSTs sees the first's result.
  const reply = await ctx.queue.run({
    key: id,
    task: async () => {
      const exchange = await liveExchange(ctx, workflowId, id);
      if (exchange.state === 'complete' || exchange.state === 'invalid') {
        throw notAllowed(`Exchange is ${exchange.state}.`);
      }
      try {
        const result = await participate({
          exchange,
          body: { verifiablePresentation: vp as Record<string, unknown> | undefined },
          ctx: { workflow, origin: ctx.origin, brandKey: ctx.brandKey, statusLists: ctx.statusLists },
        });
        if (result.exchange) await ctx.store.put({ exchange: result.exchange });
        return result.reply;
      } catch (error) {
        if ((error as { invalidates?: boolean }).invalidates) {
          const lastError = { name: (error as Error).name, message: (error as Error).message };
          await ctx.store.put({ exchange: { ...exchange, state: 'invalid', sequence: exchange.sequence + 1, lastError } });
          ctx.log?.(`exchange ${id} invalid: ${lastError.message}`);
          throw new HttpError({ name: 'OperationError', status: 500, message: lastError.message, cause: error });
        }
        throw error;
      }
    },
  });
  sendJson({ res, body: reply, headers: CORS });
}

/** A workflow URL opened by hand answers with how to use it (never the templates or the token). */
function describeWorkflow(ctx: ServiceContext, res: ServerResponse, workflowId: string) {
  const workflow = workflowOf(ctx, workflowId);
  const workflowUrl = `${ctx.baseUrl}/workflows/${workflowId}`;
  sendJson({
    res,
    body: {
      id: workflow.id,
      exchanges: `${workflowUrl}/exchanges`,
      requiredVariables: workflow.requiredVariables ?? [],
      steps: Object.keys(workflow.steps),
      issuer: ctx.brandKey.did,
      howToCreate: `POST ${workflowUrl}/exchanges with "Authorization: Bearer <token>" and {"ttl": seconds, "variables": {…}}.`,
    },
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound('Not found.');
  }
}

export function createHandler(ctx: ServiceContext) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', ctx.baseUrl);
      const parts = url.pathname.split('/').filter(Boolean).map(decodeSegment);
      const method = req.method ?? 'GET';
      // OpenID4VCI: {exchange}/openid/…, {exchange}/.well-known/…, /.well-known/{name}{exchange path}
      const wellKnownFirst = parts[0] === '.well-known' && parts[2] === 'workflows';
      const exchangeParts = wellKnownFirst ? parts.slice(2) : parts;
      const tail = wellKnownFirst ? parts.slice(0, 2) : parts.slice(4);
      const action = exchangeParts[0] === 'workflows' && exchangeParts[2] === 'exchanges' && (wellKnownFirst ? exchangeParts.length === 4 : true)
        ? oid4vciActionOf({ tail }) : undefined;
      if (action) {
        const [, workflowId, , id] = exchangeParts;
        return await handleOid4vci({
          ctx: { secret: ctx.token, origin: ctx.origin, bodyLimit: ctx.bodyLimit, brandKey: ctx.brandKey, queue: ctx.queue, store: ctx.store, log: ctx.log, statusLists: ctx.statusLists },
          req, res, action, workflow: workflowOf(ctx, workflowId), exchangeUrl: exchangeUrlOf(ctx, workflowId, id),
          load: () => liveExchange(ctx, workflowId, id),
        });
      }
      if (parts[0] === 'workflows' && parts[2] === 'exchanges' && parts.length === 8 && parts[4] === 'openid' && parts[5] === 'client' && parts[6] === 'authorization') {
        const [, workflowId, , id, , , , action] = parts;
        const workflow = workflowOf(ctx, workflowId);
        return await oid4vpRoute({ rc: ctx, req, res, workflow, exchangeUrl: exchangeUrlOf(ctx, workflowId, id), id, action });
      }
      if (parts[0] === 'workflows' && parts[2] === 'exchanges' && parts.length >= 3 && parts.length <= 5) {
        const [, workflowId, , id, tail] = parts;
        if (method === 'OPTIONS' && id) {
          res.writeHead(204, { ...CORS, 'access-control-max-age': '600' }).end();
          return;
        }
        if (parts.length === 3) {
          if (method !== 'POST') throw methodNotAllowed('POST');
          return await create(ctx, req, res, workflowId);
        }
        if (parts.length === 5) {
          if (tail !== 'protocols') throw notFound('Not found.');
          if (method !== 'GET') throw methodNotAllowed('GET');
          return await protocols(ctx, res, workflowId, id);
        }
        if (method === 'POST') return await participateRoute(ctx, req, res, workflowId, id);
        if (method !== 'GET') throw methodNotAllowed('GET, POST');
        const iuv = url.searchParams.get('iuv');
        if (iuv === null) return await read(ctx, req, res, workflowId, id);
        if (iuv !== '1') {
          throw new HttpError({ name: 'NotSupportedError', status: 400, message: `Interaction URL version "${iuv}" is not supported; use iuv=1.` });
        }
        return await interaction(ctx, req, res, workflowId, id);
      }
      if (await statusRoute({ ctx, req, res, parts, method })) return;
      if (parts[0] === 'workflows' && parts.length === 2) {
        if (method !== 'GET') throw methodNotAllowed('GET');
        return describeWorkflow(ctx, res, parts[1]);
      }
      if (parts.length === 0 && method === 'GET') {
        sendJson({ res, body: { service: 'vcalm-workflow-service', workflows: [...ctx.workflows.keys()], issuer: ctx.brandKey.did } });
        return;
      }
      throw notFound('Not found.');
    } catch (error) {
      if (!(error instanceof HttpError)) ctx.log?.(`internal error: ${(error as Error)?.stack ?? error}`);
      if (!res.headersSent) sendError({ res, error });
      else res.destroy();
    }
  };
}
