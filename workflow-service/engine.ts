// The exchange step machine. `participate` takes the stored exchange and what the wallet sent,
// and returns the reply plus the exchange to store (or none when nothing changes). It never
// stores anything itself, and it throws before changing anything when the input is refused.
import { randomBytes, randomUUID } from 'node:crypto';
import { issueCredential, type WalletKey } from '../utils/crypto';
import { validationError } from './errors';
import type { Participation, StoredExchange } from './store';
import { fillTemplate } from './template';
import { verifyStepPresentation, type BoundHolder } from './verify-presentation';
import type { StepConfig, WorkflowConfig } from './workflows';
import type { StatusLists } from './status-lists';
import { namedError } from '../utils/errors';

export interface ParticipateReply {
  verifiablePresentationRequest?: Record<string, unknown>;
  verifiablePresentation?: Record<string, unknown>;
  redirectUrl?: string;
  /** VCALM §3.6.5: a urn:uuid the client echoes in its next message (one per step request). */
  referenceId?: string;
}

export interface EngineContext {
  workflow: WorkflowConfig;
  origin: string;
  brandKey: WalletKey;
  /** The presentation's expected `domain` when it is not the origin (OID4VP: the verifier's client_id). */
  domain?: string;
  /** Adds credentialStatus entries to credentials whose template asks for a status. */
  statusLists?: Pick<StatusLists, 'attach'>;
  /** The participation's status allocator (its write records the entries with the exchange). */
  allocate?: Participation['allocate'];
}

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

function templateContext({ exchange, ctx }: { exchange: StoredExchange; ctx: EngineContext }) {
  return {
    variables: exchange.variables,
    results: exchange.variables.results,
    exchangeId: exchange.id,
    issuer: ctx.brandKey.did,
    origin: ctx.origin,
    now: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    uuid: randomUUID(),
  };
}

/** Makes sure the step has a challenge: the exchange id on the initial step (as bedrock does). */
function ensureChallenge(exchange: StoredExchange, ctx: EngineContext, stepName: string): string {
  const existing = exchange.challenges[stepName];
  if (existing) return existing;
  // Only reached for a step being started; the caller stores the exchange.
  const challenge = stepName === ctx.workflow.initialStep ? exchange.id : randomBytes(16).toString('base64url');
  exchange.challenges[stepName] = challenge;
  return challenge;
}

/** The step request's referenceId: made (urn:uuid) when the step's request is first sent, then reused. */
function ensureReferenceId(exchange: StoredExchange, stepName: string): string {
  exchange.referenceIds ??= {};
  exchange.referenceIds[stepName] ??= `urn:uuid:${randomUUID()}`;
  return exchange.referenceIds[stepName];
}

/** A reply that asks for the step's presentation, with the step's referenceId. */
function requestReply(exchange: StoredExchange, ctx: EngineContext, stepName: string, step: StepConfig): ParticipateReply {
  const verifiablePresentationRequest = buildRequest(exchange, ctx, stepName, step);
  return { verifiablePresentationRequest, referenceId: ensureReferenceId(exchange, stepName) };
}

function buildRequest(exchange: StoredExchange, ctx: EngineContext, stepName: string, step: StepConfig) {
  const request = fillTemplate<Record<string, unknown>>({
    template: step.verifiablePresentationRequest,
    context: templateContext({ exchange, ctx }),
  });
  // A request always carries a challenge: the template's own, or one made here.
  if (step.createChallenge || typeof request.challenge !== 'string' || !request.challenge) {
    request.challenge = ensureChallenge(exchange, ctx, stepName);
  }
  request.domain = ctx.domain ?? ctx.origin;
  return request;
}

/**
 * The presentation request of the exchange's current step (with its challenge), for another
 * protocol to carry (OID4VP). `changed`: a challenge was made and the exchange must be stored.
 */
export function currentStepRequest({ exchange: stored, ctx }: { exchange: StoredExchange; ctx: EngineContext }) {
  const exchange = structuredClone(stored);
  const step = ctx.workflow.steps[exchange.step];
  if (!step?.verifiablePresentationRequest) return undefined;
  const request = buildRequest(exchange, ctx, exchange.step, step);
  return { request, exchange, changed: exchange.challenges[exchange.step] !== stored.challenges[exchange.step] };
}

async function issueStep(exchange: StoredExchange, ctx: EngineContext, step: StepConfig) {
  const issued: Record<string, unknown>[] = [];
  for (const item of step.issue ?? []) {
    let credential = fillTemplate<Record<string, unknown>>({
      template: item.credential,
      context: templateContext({ exchange, ctx }),
    });
    if (item.status) {
      if (!ctx.statusLists) throw new Error('This service issues no status lists.');
      credential = await ctx.statusLists.attach({ credential, exchangeId: exchange.id, ...(ctx.allocate ? { allocate: ctx.allocate } : {}) });
    }
    issued.push(await issueCredential({ credential, key: ctx.brandKey }));
  }
  return issued;
}

/**
 * One wallet message. Returns the reply and the updated exchange (a copy; `undefined` when
 * nothing needs storing). Verification failures throw DataError and change nothing; a failure
 * while issuing throws with `invalidates: true` so the caller marks the exchange invalid.
 */
export async function participate({
  exchange: stored,
  body,
  ctx,
}: {
  exchange: StoredExchange;
  /** `boundHolder`: the holder already proven by another protocol (an OID4VCI proof, checked by the caller) */
  body: { verifiablePresentation?: Record<string, unknown>; boundHolder?: BoundHolder };
  ctx: EngineContext;
}): Promise<{ reply: ParticipateReply; exchange?: StoredExchange; completedSteps: string[] }> {
  const exchange = structuredClone(stored);
  const { steps } = ctx.workflow;
  let stepName = exchange.step;
  let step = steps[stepName];
  const presentation = body.verifiablePresentation;
  const completedSteps: string[] = [];

  if (step.verifiablePresentationRequest && body.boundHolder) {
    exchange.variables.results[stepName] = body.boundHolder;
  } else if (step.verifiablePresentationRequest) {
    if (!presentation) {
      // Start (or restart) the step: send its request. Idempotent after the first time.
      const reply = requestReply(exchange, ctx, stepName, step);
      const made = exchange.challenges[stepName] !== stored.challenges[stepName]
        || exchange.referenceIds?.[stepName] !== stored.referenceIds?.[stepName];
      if (exchange.state === 'pending' || made) {
        exchange.state = 'active';
        exchange.sequence++;
        return { reply, exchange, completedSteps };
      }
      return { reply, completedSteps };
    }
    const request = buildRequest(exchange, ctx, stepName, step);
    const bound = await verifyStepPresentation({
      presentation,
      request,
      challenge: String(request.challenge ?? ''),
      domain: ctx.domain ?? ctx.origin,
    });
    exchange.variables.results[stepName] = bound;
  } else if (presentation) {
    throw validationError(`Step "${stepName}" does not ask for a presentation; send {} to continue.`);
  }

  // The step's presentation (if any) is accepted: issue, then move on until a step asks again.
  const issued: Record<string, unknown>[] = [];
  for (;;) {
    try {
      issued.push(...(await issueStep(exchange, ctx, step)));
    } catch (cause) {
      const error = namedError({ name: 'OperationError', message: `Issuing step "${stepName}" failed: ${(cause as Error).message}`, cause });
      throw Object.assign(error, { invalidates: true });
    }
    completedSteps.push(stepName);
    if (!step.nextStep) break;
    stepName = step.nextStep;
    step = steps[stepName];
    exchange.step = stepName;
    if (step.verifiablePresentationRequest) {
      exchange.state = 'active';
      exchange.sequence++;
      const reply = requestReply(exchange, ctx, stepName, step);
      if (issued.length) reply.verifiablePresentation = wrap(issued);
      return { reply, exchange, completedSteps };
    }
  }
  exchange.state = 'complete';
  exchange.sequence++;
  const reply: ParticipateReply = {};
  if (issued.length) reply.verifiablePresentation = wrap(issued);
  if (step.redirectUrl) {
    reply.redirectUrl = fillTemplate<string>({ template: step.redirectUrl, context: templateContext({ exchange, ctx }) });
  }
  return { reply, exchange, completedSteps };
}

function wrap(credentials: Record<string, unknown>[]) {
  return { '@context': [VC_V2], type: ['VerifiablePresentation'], verifiableCredential: credentials };
}

/**
 * The callback URLs to notify after `steps` ran (VCALM §3.6.7): each step's `callback.url` (its
 * placeholders filled from the exchange) and the exchange's own, http(s) only. A step URL that
 * does not fill to one is left out and named in `skipped`.
 */
export function callbackUrls({ exchange, ctx, steps }: { exchange: StoredExchange; ctx: EngineContext; steps: string[] }) {
  const urls: string[] = [];
  const skipped: string[] = [];
  for (const name of steps) {
    const template = ctx.workflow.steps[name]?.callback?.url;
    if (!template) continue;
    try {
      const url = fillTemplate<unknown>({ template, context: templateContext({ exchange, ctx }) });
      if (typeof url === 'string' && /^https?:\/\//.test(url) && URL.canParse(url)) urls.push(url);
      else skipped.push(name);
    } catch {
      skipped.push(name);
    }
  }
  if (steps.length && exchange.callback?.url) urls.push(exchange.callback.url);
  return { urls, skipped };
}
