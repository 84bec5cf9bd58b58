// The OpenID4VCI endpoints of an exchange (paths as @bedrock/vc-delivery serves them):
//   GET  {exchange}/openid/credential-offer
//   GET  /.well-known/openid-credential-issuer{exchange path} and {exchange}/.well-known/openid-credential-issuer
//   GET  /.well-known/oauth-authorization-server{exchange path} and {exchange}/.well-known/oauth-authorization-server
//   POST {exchange}/openid/token       form: pre-authorized code (+ tx_code)  → {access_token}
//   POST {exchange}/openid/nonce                                               → {c_nonce} (single use)
//   POST {exchange}/openid/credential  Bearer; 1.0 {credential_configuration_id, proofs} or draft 13 {format, proof}
// Refusals are OAuth errors {error, error_description}; the stored exchange changes only when a
// token, a nonce or a credential is handed out (and a nonce once it has been tried).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { HttpError, notAllowed, notFound } from '../errors';
import { readJsonBody, sendJson } from '../http';
import { participate } from '../engine';
import type { Participation, StoredExchange } from '../store';
import type { WorkflowConfig } from '../workflows';
import type { WalletKey } from '../../utils/crypto';
import type { EngineContext } from '../engine';
import {
  authorizationServerMetadata, credentialOffer, derivedSecret, issuerMetadata, oid4vciOffering, oid4vciVariables, PRE_AUTHORIZED_GRANT, txCodeOf,
} from './metadata';
import { OAuthError } from './oauth-error';
import { checkDiVpProof, checkJwtProof } from './proof';
import { readFormBody } from './form';

const NONCE_TTL_MS = 5 * 60_000;
const MAX_TX_CODE_FAILURES = 5;
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, accept, authorization',
};

export interface Oid4vciContext {
  secret: string;
  origin: string;
  bodyLimit: number;
  brandKey: WalletKey;
  queue: { run<T>(o: { key: string; task: (participation: Participation) => Promise<T> }): Promise<T> };
  log?: (line: string) => void;
  statusLists?: EngineContext['statusLists'];
  /** Called after a participation is stored with the steps it completed (step callbacks). */
  onStepsCompleted?: (args: { exchange: StoredExchange; steps: string[] }) => void;
}

export type Oid4vciAction = 'credential-offer' | 'token' | 'nonce' | 'credential' | 'issuer-metadata' | 'as-metadata';

const same = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

function sendOAuthError(res: ServerResponse, error: OAuthError) {
  sendJson({ res, status: error.status, body: { error: error.error, error_description: error.message }, headers: { ...CORS, ...error.headers } });
}

/** Which OID4VCI action a path under an exchange names, or undefined. */
export function oid4vciActionOf({ tail }: { tail: string[] }): Oid4vciAction | undefined {
  if (tail.length === 2 && tail[0] === 'openid' && ['credential-offer', 'token', 'nonce', 'credential'].includes(tail[1])) return tail[1] as Oid4vciAction;
  if (tail.length === 2 && tail[0] === '.well-known') {
    if (tail[1] === 'openid-credential-issuer') return 'issuer-metadata';
    if (tail[1] === 'oauth-authorization-server') return 'as-metadata';
  }
  return undefined;
}

export async function handleOid4vci({ ctx, req, res, action, workflow, exchangeUrl, load: loadAny }: {
  ctx: Oid4vciContext; req: IncomingMessage; res: ServerResponse; action: Oid4vciAction;
  workflow: WorkflowConfig; exchangeUrl: string;
  /** The exchange (404 when gone or expired), read through a participation's view when given. */
  load: (from?: Participation) => Promise<StoredExchange>;
}): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS, 'access-control-max-age': '600' }).end();
    return;
  }
  const offering = oid4vciOffering({ workflow });
  if (!offering) throw notFound(`Workflow "${workflow.id}" does not offer OpenID4VCI.`);
  const load = async (from?: Participation) => {
    const exchange = await loadAny(from);
    if (!oid4vciVariables({ exchange })) throw notFound('This exchange does not offer OpenID4VCI.');
    return exchange;
  };
  const wantsPost = action === 'token' || action === 'nonce' || action === 'credential';
  if ((req.method === 'POST') !== wantsPost) {
    throw new HttpError({ name: 'NotSupportedError', status: 405, message: `Use ${wantsPost ? 'POST' : 'GET'}.`, headers: { allow: wantsPost ? 'POST' : 'GET' } });
  }
  try {
    switch (action) {
      case 'issuer-metadata': {
        const { proofTypes } = oid4vciVariables({ exchange: await load() })!;
        return sendJson({ res, body: issuerMetadata({ exchangeUrl, workflow, name: 'Brand workflow service', proofTypes }), headers: CORS });
      }
      case 'as-metadata':
        await load();
        return sendJson({ res, body: authorizationServerMetadata({ exchangeUrl }), headers: CORS });
      case 'credential-offer': {
        const exchange = await load();
        if (exchange.state === 'complete' || exchange.state === 'invalid') throw notAllowed(`Exchange is ${exchange.state}.`);
        return sendJson({ res, body: credentialOffer({ exchange, exchangeUrl, workflow, secret: ctx.secret }), headers: CORS });
      }
      case 'token':
        return sendJson({ res, body: await token({ ctx, req, load }), headers: { ...CORS, pragma: 'no-cache' } });
      case 'nonce':
        return sendJson({ res, body: await nonce({ ctx, load }), headers: CORS });
      case 'credential':
        return sendJson({ res, body: await credential({ ctx, req, workflow, exchangeUrl, load, offering }), headers: CORS });
    }
  } catch (error) {
    if (error instanceof OAuthError) return sendOAuthError(res, error);
    throw error;
  }
}

async function token({ ctx, req, load }: { ctx: Oid4vciContext; req: IncomingMessage; load: (from?: Participation) => Promise<StoredExchange> }) {
  const form = await readFormBody({ req, limit: 16 * 1024 });
  if (form.grant_type !== PRE_AUTHORIZED_GRANT) {
    throw new OAuthError({ error: 'unsupported_grant_type', description: `Only the pre-authorized code grant (${PRE_AUTHORIZED_GRANT}) is supported.` });
  }
  const code = form['pre-authorized_code'] ?? '';
  const first = await load();
  return ctx.queue.run({
    key: first.id,
    task: async (participation) => {
      const exchange = await load(participation);
      if (!same(code, derivedSecret({ secret: ctx.secret, purpose: 'pre-authorized_code', exchangeId: exchange.id }))) {
        throw new OAuthError({ error: 'invalid_grant', description: 'The pre-authorized code is not valid for this exchange.' });
      }
      if (exchange.state === 'complete' || exchange.state === 'invalid') {
        throw new OAuthError({ error: 'invalid_grant', description: `The offer was already used (exchange is ${exchange.state}).` });
      }
      const expected = txCodeOf({ exchange });
      if (expected) {
        const failures = exchange.oid4vci?.txCodeFailures ?? 0;
        if (failures >= MAX_TX_CODE_FAILURES) {
          throw new OAuthError({ error: 'invalid_grant', description: 'Too many wrong transaction codes; ask the issuer for a new offer.' });
        }
        if (typeof form.tx_code !== 'string' || !same(form.tx_code, expected)) {
          await participation.put({ exchange: { ...exchange, oid4vci: { ...exchange.oid4vci, txCodeFailures: failures + 1 } } });
          throw new OAuthError({ error: 'invalid_grant', description: form.tx_code === undefined ? 'This offer needs its transaction code (tx_code).' : 'The transaction code is wrong.' });
        }
      }
      if (exchange.state === 'pending') await participation.put({ exchange: { ...exchange, state: 'active', sequence: exchange.sequence + 1 } });
      const expiresIn = Math.max(1, Math.floor((Date.parse(exchange.expires) - Date.now()) / 1000));
      return {
        access_token: derivedSecret({ secret: ctx.secret, purpose: 'access_token', exchangeId: exchange.id }),
        token_type: 'Bearer',
        expires_in: expiresIn,
      };
    },
  });
}

async function nonce({ ctx, load }: { ctx: Oid4vciContext; load: (from?: Participation) => Promise<StoredExchange> }) {
  const first = await load();
  return ctx.queue.run({
    key: first.id,
    task: async (participation) => {
      const exchange = await load(participation);
      if (exchange.state === 'complete' || exchange.state === 'invalid') throw notAllowed(`Exchange is ${exchange.state}.`);
      const value = randomBytes(16).toString('base64url');
      await participation.put({
        exchange: { ...exchange, oid4vci: { ...exchange.oid4vci, nonce: value, nonceExpires: new Date(Date.now() + NONCE_TTL_MS).toISOString() } },
      });
      return { c_nonce: value };
    },
  });
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^(?:Bearer|DPoP)\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The proof of a 1.0 (`proofs: {jwt: [...]}` / `{di_vp: [...]}`) or draft 13 (`proof: {proof_type, …}`) request. */
function proofOf(body: Record<string, unknown>): { type: 'jwt' | 'di_vp'; value: unknown } | undefined {
  const proofs = body.proofs as Record<string, unknown> | undefined;
  if (proofs && typeof proofs === 'object') {
    for (const type of ['jwt', 'di_vp'] as const) {
      const list = proofs[type];
      if (Array.isArray(list)) {
        if (list.length !== 1) throw new OAuthError({ error: 'invalid_credential_request', description: 'Send exactly one proof (no batch issuance here).' });
        return { type, value: list[0] };
      }
    }
    throw new OAuthError({ error: 'invalid_proof', description: 'Supported proof types: jwt, di_vp.' });
  }
  const proof = body.proof as Record<string, unknown> | undefined;
  if (proof && typeof proof === 'object') {
    if (proof.proof_type === 'jwt') return { type: 'jwt', value: proof.jwt };
    if (proof.proof_type === 'di_vp') return { type: 'di_vp', value: proof.di_vp };
    throw new OAuthError({ error: 'invalid_proof', description: 'Supported proof types: jwt, di_vp.' });
  }
  return undefined;
}

async function credential({ ctx, req, workflow, exchangeUrl, load, offering }: {
  ctx: Oid4vciContext; req: IncomingMessage; workflow: WorkflowConfig; exchangeUrl: string;
  load: (from?: Participation) => Promise<StoredExchange>; offering: NonNullable<ReturnType<typeof oid4vciOffering>>;
}) {
  const bearer = bearerOf(req);
  const unauthorized = (description: string) => new OAuthError({ error: 'invalid_token', description, status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
  if (!bearer) throw unauthorized('An access token is required (Authorization: Bearer …).');
  const raw = await readJsonBody({ req, limit: ctx.bodyLimit });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new OAuthError({ error: 'invalid_credential_request', description: 'The body must be a JSON object.' });
  const body = raw as Record<string, unknown>;
  // 1.0 names a configuration; draft 13 names a format and a credential_definition
  const legacy = body.credential_configuration_id === undefined && body.format !== undefined;
  let configId: string | undefined;
  if (legacy) {
    if (body.format !== 'ldp_vc') throw new OAuthError({ error: 'unsupported_credential_format', description: `Only ldp_vc is issued here, not ${String(body.format).slice(0, 40)}.` });
    const types = [(body.credential_definition as Record<string, unknown> | undefined)?.type].flat();
    configId = Object.entries(offering.configurations).find(([, c]) => c.type.every((t) => types.includes(t)))?.[0];
  } else {
    configId = typeof body.credential_configuration_id === 'string' ? body.credential_configuration_id
      : typeof body.credential_identifier === 'string' ? body.credential_identifier : undefined;
  }
  if (!configId || !offering.configurations[configId]) {
    throw new OAuthError({ error: legacy ? 'unsupported_credential_type' : 'unknown_credential_configuration', description: 'This exchange does not offer that credential.' });
  }
  const proof = proofOf(body);
  const first = await load();
  const allowed = oid4vciVariables({ exchange: first })?.proofTypes ?? ['jwt', 'di_vp'];
  if (proof && !allowed.includes(proof.type)) throw new OAuthError({ error: 'invalid_proof', description: `This issuer takes ${allowed.join(', ')} proofs, not ${proof.type}.` });
  return ctx.queue.run({
    key: first.id,
    task: async (participation) => {
      const exchange = await load(participation);
      if (!same(bearer, derivedSecret({ secret: ctx.secret, purpose: 'access_token', exchangeId: exchange.id }))) throw unauthorized('The access token is not valid.');
      if (exchange.state === 'complete' || exchange.state === 'invalid') {
        throw new OAuthError({ error: 'credential_request_denied', description: `The exchange is ${exchange.state}; nothing more is issued.`, status: 403 });
      }
      const current = exchange.oid4vci?.nonce && Date.parse(exchange.oid4vci.nonceExpires ?? '') > Date.now() ? exchange.oid4vci.nonce : undefined;
      let bound;
      if (offering.bindingStep) {
        if (!proof) throw new OAuthError({ error: 'invalid_proof', description: 'This credential is bound to your DID: send a jwt or di_vp proof.' });
        const consumed = { ...exchange, oid4vci: { ...exchange.oid4vci, nonce: undefined, nonceExpires: undefined } };
        try {
          bound = proof.type === 'jwt'
            ? await checkJwtProof({ jwt: proof.value, audience: exchangeUrl, nonce: current })
            : await checkDiVpProof({ vp: proof.value, audience: exchangeUrl, nonce: current, request: workflow.steps[offering.bindingStep].verifiablePresentationRequest as Record<string, unknown> });
        } catch (error) {
          // a nonce is good for one try, right or wrong
          if (current && (error as OAuthError).error !== 'invalid_nonce') await participation.put({ exchange: consumed });
          throw error;
        }
      }
      try {
        const result = await participate({
          exchange: { ...exchange, oid4vci: { ...exchange.oid4vci, nonce: undefined, nonceExpires: undefined } },
          body: bound ? { boundHolder: bound } : {},
          ctx: { workflow, origin: ctx.origin, brandKey: ctx.brandKey, statusLists: ctx.statusLists, allocate: participation.allocate },
        });
        if (result.exchange) {
          await participation.put({ exchange: result.exchange });
          ctx.onStepsCompleted?.({ exchange: result.exchange, steps: result.completedSteps });
        }
        const issued = ((result.reply.verifiablePresentation?.verifiableCredential ?? []) as Record<string, unknown>[]);
        if (!issued.length) throw new OAuthError({ error: 'credential_request_denied', description: 'The workflow issued nothing at this step.' });
        return legacy ? { format: 'ldp_vc', credential: issued[0] } : { credentials: issued.map((c) => ({ credential: c })) };
      } catch (error) {
        if ((error as { invalidates?: boolean }).invalidates) {
          const lastError = { name: (error as Error).name, message: (error as Error).message };
          await participation.put({ exchange: { ...exchange, state: 'invalid', sequence: exchange.sequence + 1, lastError } });
          ctx.log?.(`exchange ${exchange.id} invalid: ${lastError.message}`);
          throw new HttpError({ name: 'OperationError', status: 500, message: lastError.message, cause: error });
        }
        throw error;
      }
    },
  });
}
