// The HTTP surface. One handler, a handful of routes:
//   POST /workflows/{w}/exchanges               create (bearer)            → 204 + Location
//   GET  /workflows/{w}/exchanges/{e}           read (bearer)              → {exchange}
//   GET  /workflows/{w}/exchanges/{e}?iuv=1     interaction URL (no auth)  → {protocols} | HTML
//   POST /workflows/{w}/exchanges/{e}           participate (no auth)      → reply
//   GET  /workflows/{w}/exchanges/{e}/protocols (no auth)                  → {protocols}
//   GET  /workflows/{w}/exchanges/{e}/request   the current request (no auth, no side effects)
//   POST /workflows                             create a workflow (bearer)  → 201 + Location
//   GET  /workflows/{w}                         bearer: its configuration; none: what it needs
//   GET  /health, GET /ready                    process up; store reachable
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { HttpError, notFound, validationError, notAllowed, unknownOption } from './errors';
import { readJsonBody, requireBearer, sendError, sendJson } from './http';
import { interactionPage } from './interaction-page';
import { exchangeView, parseCreateBody, shapeOf, type ExchangeShape } from './exchange-view';
import { callbackUrls, currentStepRequest, participate, type EngineContext } from './engine';
import { newExchangeId, type Participation, type ServiceStore, type StoredExchange } from './store';
import { isWorkflowId, parseWorkflows, type WorkflowConfig } from './workflows';
import type { CallbackSender } from './callbacks';
import { logEvent, noteSink, type LogSink } from './log';
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
  store: ServiceStore;
  /** One participation at a time per exchange, across every instance on the database (a row lock). */
  queue: ServiceStore['queue'];
  /** Workflows seen so far (seeds, created, read from the store): configurations never change once made. */
  workflows: Map<string, WorkflowConfig>;
  brandKey: WalletKey;
  statusLists?: StatusLists;
  /** The exchange shape GET {exchange} answers with unless the `Exchange-Shape` header asks otherwise. */
  exchangeShape: ExchangeShape;
  callbacks?: CallbackSender;
  /** Structured log sink (JSON lines, see log.ts); none = quiet. */
  log?: LogSink;
  /** Set while shutting down: /ready answers 503 so a load balancer stops sending. */
  draining?: boolean;
}

/** What one request's log line says besides method, route, status and time. */
interface RequestInfo {
  route?: string;
  workflowId?: string;
  exchangeId?: string;
  step?: string;
  state?: string;
}
const requestInfo = new WeakMap<IncomingMessage, RequestInfo>();
const note = (req: IncomingMessage, fields: RequestInfo) => Object.assign(requestInfo.get(req) ?? {}, fields);

// Participation and discovery may be called from any web origin (no credentials involved).
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, accept',
};

const methodNotAllowed = (allow: string) =>
  new HttpError({ name: 'NotSupportedError', status: 405, message: `Use ${allow}.`, headers: { allow } });

/** The workflow from the cache or the store (another instance may have created it); 404 when unknown. */
async function workflowOf(ctx: ServiceContext, id: string): Promise<WorkflowConfig> {
  let workflow = ctx.workflows.get(id);
  if (!workflow && isWorkflowId(id)) {
    workflow = await ctx.store.getWorkflow({ id });
    if (workflow) ctx.workflows.set(id, workflow);
  }
  if (!workflow) throw new HttpError({ name: 'NotFoundError', status: 404, message: `Workflow "${id}" not found.` });
  return workflow;
}

/**
 * The stored exchange, or 404 when unknown, expired or belonging to another workflow; read
 * through `from` (a participation's view of the store) when given.
 */
async function liveExchange(ctx: ServiceContext, workflowId: string, id: string, from: Pick<Participation, 'getLive'> = ctx.store): Promise<StoredExchange> {
  const found = await from.getLive({ id });
  if (!found || found.exchange.workflowId !== workflowId) throw notFound('Exchange not found.');
  if (found.expired) throw notFound('Exchange has expired.'); // by the database's clock, the same for every instance
  return found.exchange;
}

export function exchangeUrlOf(ctx: Pick<ServiceContext, 'baseUrl'>, workflowId: string, id: string) {
  return `${ctx.baseUrl}/workflows/${workflowId}/exchanges/${id}`;
}

async function create(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string) {
  requireBearer({ req, token: ctx.token });
  const workflow = await workflowOf(ctx, workflowId);
  const body = await readJsonBody({ req, limit: ctx.bodyLimit });
  const { expires, ttlSeconds, variables, callback } = parseCreateBody({ body, workflow });
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
    ...(callback ? { callback } : {}),
  };
  await ctx.store.create({ exchange, ttlSeconds });
  note(req, { exchangeId: exchange.id, state: exchange.state, step: exchange.step });
  sendJson({ res, status: 204, headers: { location: exchangeUrlOf(ctx, workflowId, exchange.id) } });
}

async function read(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string, id: string) {
  requireBearer({ req, token: ctx.token });
  const shape = shapeOf({ header: req.headers['exchange-shape'], fallback: ctx.exchangeShape });
  await workflowOf(ctx, workflowId);
  const exchange = await liveExchange(ctx, workflowId, id);
  note(req, { step: exchange.step, state: exchange.state });
  sendJson({ res, body: exchangeView({ exchange, shape }), headers: { vary: 'exchange-shape' } });
}

/**
 * VCALM §3.6 "Get the current verifiable presentation request": the current step's request, or
 * `{}` when it asks for none. Read-only: no challenge or referenceId is made or used up, the
 * state and sequence stay as they are (a later step's challenge was stored when it started; the
 * initial step's is the exchange id).
 */
async function currentRequest(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string, id: string) {
  const workflow = await workflowOf(ctx, workflowId);
  const exchange = await liveExchange(ctx, workflowId, id);
  note(req, { step: exchange.step, state: exchange.state });
  const live = exchange.state === 'pending' || exchange.state === 'active';
  const current = live ? currentStepRequest({ exchange, ctx: engineContext(ctx, workflow) }) : undefined;
  sendJson({ res, body: { verifiablePresentationRequest: current?.request ?? {} }, headers: CORS });
}

function engineContext(ctx: ServiceContext, workflow: WorkflowConfig): EngineContext {
  return { workflow, origin: ctx.origin, brandKey: ctx.brandKey, statusLists: ctx.statusLists };
}

/** After a participation is stored: tell the step callbacks (in the background, never failing it). */
export function stepsCompleted(ctx: Pick<ServiceContext, 'baseUrl' | 'origin' | 'brandKey' | 'callbacks' | 'log'>, workflow: WorkflowConfig, exchange: StoredExchange, steps: string[]) {
  if (!steps.length || !ctx.callbacks) return;
  const { urls, skipped } = callbackUrls({ exchange, ctx: { workflow, origin: ctx.origin, brandKey: ctx.brandKey }, steps });
  if (skipped.length) logEvent(ctx.log, { event: 'callback', outcome: 'skipped (no http(s) URL)', exchangeId: exchange.id, steps: skipped.join(',') });
  if (urls.length) {
    ctx.callbacks.notify({ urls, exchangeUrl: exchangeUrlOf(ctx, exchange.workflowId, exchange.id), exchangeId: exchange.id, steps });
  }
}

/**
 * vcapi; OID4VCI (bedrock's name and shape) for exchanges created for OpenID4VCI whose workflow an
 * OpenID4VCI wallet can complete; else OID4VP when the step asks for credentials (as bedrock does).
 */
function protocolsOf(ctx: ServiceContext, workflow: WorkflowConfig, exchange: StoredExchange): Record<string, string> {
  const exchangeUrl = exchangeUrlOf(ctx, exchange.workflowId, exchange.id);
  const openId = oid4vciVariables({ exchange }) && oid4vciOffering({ workflow });
  return exchangeProtocols({ exchangeUrl, workflow, exchange, extra: openId ? { OID4VCI: offerProtocol({ exchangeUrl }) } : {} });
}

async function protocols(ctx: ServiceContext, res: ServerResponse, workflowId: string, id: string) {
  const workflow = await workflowOf(ctx, workflowId);
  const exchange = await liveExchange(ctx, workflowId, id);
  sendJson({ res, body: { protocols: protocolsOf(ctx, workflow, exchange) }, headers: CORS });
}

async function interaction(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string, id: string) {
  const workflow = await workflowOf(ctx, workflowId);
  const exchange = await liveExchange(ctx, workflowId, id);
  const exchangeUrl = exchangeUrlOf(ctx, workflowId, id);
  const accept = String(req.headers.accept ?? '');
  if (/application\/(?:[\w.+-]*\+)?json/i.test(accept)) {
    sendJson({ res, body: { protocols: protocolsOf(ctx, workflow, exchange) }, headers: { ...CORS, vary: 'accept' } });
    return;
  }
  const html = await interactionPage({ interactionUrl: `${exchangeUrl}?iuv=1`, state: exchange.state });
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', vary: 'accept' })
    .end(html);
}

/**
 * VCALM §3.6.5 client message: `{}`, `{verifiablePresentation}`, each with an optional
 * `referenceId`. §2.4: anything else is refused, unknown names as UNKNOWN_OPTION_PROVIDED; the
 * spec's other client messages (a request or redirectUrl of the client's own) as not supported.
 */
function parseClientMessage(body: unknown) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError('The body must be a JSON object: {} or {"verifiablePresentation": {...}}.');
  }
  const message = body as Record<string, unknown>;
  for (const key of Object.keys(message)) {
    if (key === 'verifiablePresentation' || key === 'referenceId') continue;
    if (key === 'verifiablePresentationRequest' || key === 'redirectUrl') {
      throw new HttpError({
        name: 'NotSupportedError',
        status: 400,
        message: `This workflow service does not answer a client's "${key}"; send {} or {"verifiablePresentation": {...}}.`,
      });
    }
    throw unknownOption(`Unknown property "${key.slice(0, 50)}" in the message; allowed: verifiablePresentation, referenceId.`);
  }
  const vp = message.verifiablePresentation;
  if (vp !== undefined && (vp === null || typeof vp !== 'object' || Array.isArray(vp))) {
    throw validationError('"verifiablePresentation" must be a JSON object (one presentation).');
  }
  const { referenceId } = message;
  if (referenceId !== undefined && (typeof referenceId !== 'string' || referenceId.length > 512)) {
    throw validationError('"referenceId" must be the string the service sent (at most 512 characters).');
  }
  return { vp: vp as Record<string, unknown> | undefined, referenceId: referenceId as string | undefined };
}

async function participateRoute(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string, id: string) {
  const workflow = await workflowOf(ctx, workflowId);
  const raw = await readJsonBody({ req, limit: ctx.bodyLimit });
  const { vp, referenceId } = parseClientMessage(raw === undefined ? {} : raw); // an empty body counts as {}; `null` does not
  // One message at a time per exchange: the second of two concurrent POSTs sees the first's result.
  const reply = await ctx.queue.run({
    key: id,
    task: async (participation) => {
      const exchange = await liveExchange(ctx, workflowId, id, participation);
      note(req, { step: exchange.step, state: exchange.state });
      if (exchange.state === 'complete' || exchange.state === 'invalid') {
        throw notAllowed(`Exchange is ${exchange.state}.`);
      }
      // The echo must be the referenceId sent with the current step's request (none sent: none valid).
      if (referenceId !== undefined && referenceId !== exchange.referenceIds?.[exchange.step]) {
        throw validationError('"referenceId" is not the one sent with this step\'s request; echo the last referenceId the service sent, or leave it out.');
      }
      try {
        const result = await participate({ exchange, body: { verifiablePresentation: vp }, ctx: { ...engineContext(ctx, workflow), allocate: participation.allocate } });
        if (result.exchange) {
          await participation.put({ exchange: result.exchange });
          note(req, { step: result.exchange.step, state: result.exchange.state });
          stepsCompleted(ctx, workflow, result.exchange, result.completedSteps);
        }
        return result.reply;
      } catch (error) {
        if ((error as { invalidates?: boolean }).invalidates) {
          const lastError = { name: (error as Error).name, message: (error as Error).message };
          await participation.put({ exchange: { ...exchange, state: 'invalid', sequence: exchange.sequence + 1, lastError } });
          note(req, { state: 'invalid' });
          logEvent(ctx.log, { event: 'exchange.invalid', workflowId, exchangeId: id, step: exchange.step, error: lastError.name });
          throw new HttpError({ name: 'OperationError', status: 500, message: lastError.message, cause: error });
        }
        throw error;
      }
    },
  });
  sendJson({ res, body: reply, headers: CORS });
}

/**
 * GET {workflowUrl}. With the bearer token: the configuration (VCALM §3.6.2, GetWorkflowResponse:
 * {id, initialStep, steps, requiredVariables?}). Without any Authorization header: a public
 * description of how to use it, never its templates or requests (the demo prints this URL for a
 * newcomer to open). A wrong token is refused (403) rather than downgraded.
 */
async function getWorkflow(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, workflowId: string) {
  if (req.headers.authorization !== undefined) {
    requireBearer({ req, token: ctx.token });
    const workflow = await workflowOf(ctx, workflowId);
    sendJson({ res, body: workflowConfiguration(workflow), headers: { vary: 'authorization' } });
    return;
  }
  const workflow = await workflowOf(ctx, workflowId);
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
      configuration: `GET ${workflowUrl} with "Authorization: Bearer <token>" answers with the workflow's configuration.`,
    },
    headers: { vary: 'authorization' },
  });
}

const workflowConfiguration = (workflow: WorkflowConfig) => {
  const { id, initialStep, steps, requiredVariables } = workflow;
  return { id, initialStep, steps, ...(requiredVariables ? { requiredVariables } : {}) };
};

/**
 * POST /workflows (VCALM §3.6.1): the body is the configuration {id?, initialStep, steps,
 * requiredVariables?}, checked like the seed file plus unknown properties refused. 201 with
 * `Location` and the stored configuration; 409 when the id is taken.
 */
async function createWorkflow(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse) {
  requireBearer({ req, token: ctx.token });
  const body = await readJsonBody({ req, limit: ctx.bodyLimit });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError('The body must be a workflow configuration {id?, initialStep, steps, requiredVariables?}.');
  }
  const input = body as Record<string, unknown>;
  let id = input.id;
  const prefix = `${ctx.baseUrl}/workflows/`;
  if (typeof id === 'string' && id.startsWith(prefix)) id = id.slice(prefix.length); // the full workflow URL names it too
  if (id === undefined) id = randomBytes(16).toString('base64url');
  if (typeof id !== 'string' || !isWorkflowId(id)) {
    throw validationError('"id" must be 1-64 of [A-Za-z0-9_-] or a urn:uuid (or this service\'s URL for it); leave it out to get a random one.');
  }
  let workflow: WorkflowConfig;
  try {
    workflow = parseWorkflows({ json: { workflows: { [id]: { ...input, id } } }, strict: true }).get(id)!;
  } catch (error) {
    if ((error as { unknownOption?: boolean }).unknownOption) throw unknownOption((error as Error).message);
    throw validationError((error as Error).message);
  }
  if (!(await ctx.store.createWorkflow({ workflow }))) {
    throw new HttpError({ name: 'ConstraintError', status: 409, message: `A workflow "${id}" exists already; workflows are not replaced.` });
  }
  ctx.workflows.set(id, workflow);
  note(req, { workflowId: id });
  sendJson({ res, status: 201, body: workflowConfiguration(workflow), headers: { location: `${prefix}${id}` } });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound('Not found.');
  }
}

/** GET /health: the process answers. GET /ready: the store answers too (and we are not shutting down). */
async function health(ctx: ServiceContext, res: ServerResponse, what: 'health' | 'ready') {
  if (what === 'health') return sendJson({ res, body: { status: 'ok' } });
  if (ctx.draining) throw new HttpError({ name: 'OperationError', status: 503, message: 'The service is shutting down.', headers: { 'retry-after': '1' } });
  try {
    await ctx.store.ping();
  } catch (cause) {
    logEvent(ctx.log, { event: 'ready.failed', error: (cause as Error)?.name });
    throw new HttpError({ name: 'OperationError', status: 503, message: 'The store cannot be reached.', headers: { 'retry-after': '5' }, cause });
  }
  sendJson({ res, body: { status: 'ready' } });
}

/** Route name for the log line: the path with ids replaced, so no capability URL lands in a log. */
function routeName(parts: string[]): string {
  if (parts[0] === 'workflows') {
    return '/' + parts.map((part, index) => (index === 1 ? ':workflowId' : index === 3 && parts[2] === 'exchanges' ? ':exchangeId' : part)).join('/');
  }
  if (parts[0] === '.well-known') return `/.well-known/${parts[1] ?? ''}/…`;
  return '/' + parts.slice(0, 3).join('/');
}

export function createHandler(ctx: ServiceContext) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const info: RequestInfo = {};
    requestInfo.set(req, info);
    // on 'close', not 'finish': a request whose client went away gets its line too
    res.once('close', () => {
      logEvent(ctx.log, {
        event: 'request',
        method: req.method,
        route: info.route,
        status: res.statusCode,
        aborted: res.writableFinished ? undefined : true,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        workflowId: info.workflowId,
        exchangeId: info.exchangeId,
        step: info.step,
        state: info.state,
      });
    });
    try {
      const url = new URL(req.url ?? '/', ctx.baseUrl);
      const parts = url.pathname.split('/').filter(Boolean).map(decodeSegment);
      const method = req.method ?? 'GET';
      info.route = routeName(parts);
      if (parts[0] === 'workflows' && parts[1]) info.workflowId = parts[1].slice(0, 64);
      if (parts[0] === 'workflows' && parts[2] === 'exchanges' && parts[3]) info.exchangeId = parts[3].slice(0, 64);
      if (parts.length === 1 && (parts[0] === 'health' || parts[0] === 'ready')) {
        if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed('GET');
        return await health(ctx, res, parts[0]);
      }
      // OpenID4VCI: {exchange}/openid/…, {exchange}/.well-known/…, /.well-known/{name}{exchange path}
      const wellKnownFirst = parts[0] === '.well-known' && parts[2] === 'workflows';
      const exchangeParts = wellKnownFirst ? parts.slice(2) : parts;
      const tail = wellKnownFirst ? parts.slice(0, 2) : parts.slice(4);
      const action = exchangeParts[0] === 'workflows' && exchangeParts[2] === 'exchanges' && (wellKnownFirst ? exchangeParts.length === 4 : true)
        ? oid4vciActionOf({ tail }) : undefined;
      if (action) {
        const [, workflowId, , id] = exchangeParts;
        info.workflowId = workflowId.slice(0, 64);
        info.exchangeId = id?.slice(0, 64);
        const workflow = await workflowOf(ctx, workflowId);
        return await handleOid4vci({
          ctx: {
            secret: ctx.token, origin: ctx.origin, bodyLimit: ctx.bodyLimit, brandKey: ctx.brandKey, queue: ctx.queue,
            log: noteSink(ctx.log), statusLists: ctx.statusLists,
            onStepsCompleted: ({ exchange, steps }) => stepsCompleted(ctx, workflow, exchange, steps),
          },
          req, res, action, workflow, exchangeUrl: exchangeUrlOf(ctx, workflowId, id),
          load: (from) => liveExchange(ctx, workflowId, id, from),
        });
      }
      if (parts[0] === 'workflows' && parts[2] === 'exchanges' && parts.length === 8 && parts[4] === 'openid' && parts[5] === 'client' && parts[6] === 'authorization') {
        const [, workflowId, , id, , , , action] = parts;
        const workflow = await workflowOf(ctx, workflowId);
        return await oid4vpRoute({
          rc: { ...ctx, log: noteSink(ctx.log), onStepsCompleted: ({ exchange, steps }) => stepsCompleted(ctx, workflow, exchange, steps) },
          req, res, workflow, exchangeUrl: exchangeUrlOf(ctx, workflowId, id), id, action,
        });
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
          if (tail !== 'protocols' && tail !== 'request') throw notFound('Not found.');
          if (method !== 'GET') throw methodNotAllowed('GET');
          if (tail === 'request') return await currentRequest(ctx, req, res, workflowId, id);
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
      if (parts[0] === 'workflows' && parts.length === 1) {
        if (method !== 'POST') throw methodNotAllowed('POST');
        return await createWorkflow(ctx, req, res);
      }
      if (parts[0] === 'workflows' && parts.length === 2) {
        if (method !== 'GET') throw methodNotAllowed('GET');
        return await getWorkflow(ctx, req, res, parts[1]);
      }
      if (parts.length === 0 && method === 'GET') {
        sendJson({ res, body: { service: 'vcalm-workflow-service', workflows: [...ctx.workflows.keys()], issuer: ctx.brandKey.did } });
        return;
      }
      throw notFound('Not found.');
    } catch (error) {
      if (!(error instanceof HttpError)) {
        // name and the stack's first frames only: a message may quote request data
        logEvent(ctx.log, { event: 'internal-error', route: info.route, error: (error as Error)?.name, at: String((error as Error)?.stack ?? '').split('\n').slice(1, 3).join(' | ').trim() });
      }
      if (!res.headersSent) sendError({ res, error });
      else res.destroy();
    }
  };
}
