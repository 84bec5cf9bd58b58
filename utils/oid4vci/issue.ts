// The issuing steps: token (pre-authorized code + tx_code, or authorization code + PKCE), nonce,
// proof of possession (jwt or di_vp), credential request (1.0 `proofs`, draft 13 `proof`).
import { namedError } from '../errors';
import { MAX_OFFERED_CREDENTIALS } from '../vcalm/replies';
import { PRE_AUTHORIZED_GRANT } from './discover';
import { oauthError, sendOid4 } from './http';
import { authorizationCodeToken } from './authorization-code';
import type { ProofSigner, StepContext } from './step-context';
import type { Oid4vciState } from './state';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

async function checkpoint(state: Oid4vciState, ctx: StepContext) {
  if (ctx.checkpoint) await ctx.checkpoint(structuredClone(state));
}

/** POST the token request; stores the access token (and a draft-13 c_nonce). */
export async function requestToken({ state, ctx }: { state: Oid4vciState; ctx: StepContext }): Promise<void> {
  const issuer = state.issuer!;
  const url = issuer.tokenEndpoint!;
  let body: Record<string, unknown>;
  if (state.grant === 'authorization_code') {
    body = await authorizationCodeToken({ state, ctx });
  } else {
    const grant = (state.offer!.grants as Record<string, Record<string, unknown>>)[PRE_AUTHORIZED_GRANT];
    body = {
      grant_type: PRE_AUTHORIZED_GRANT,
      'pre-authorized_code': grant['pre-authorized_code'],
      ...(state.txCodeValue !== undefined ? { tx_code: state.txCodeValue } : {}),
    };
  }
  const seq = state.seq++;
  // No proof and nothing personal: re-sending it after a crash is safe (the issuer may refuse a used code).
  state.pending = { seq, step: 'token', url, startedAt: new Date().toISOString() };
  state.status = 'posting';
  await checkpoint(state, ctx);
  const res = await sendOid4({
    fetch: ctx.fetch, method: 'POST', url, encoding: 'form', body, kind: 'token', exchangeId: state.id, seq,
    onMessage: ctx.onMessage, limits: state.limits, deadline: state.deadline, signal: ctx.signal, privateNetwork: state.privateNetwork !== false,
  });
  delete state.pending;
  state.status = 'ready';
  if (res.status < 200 || res.status > 299) {
    const error = oauthError({ status: res.status, body: res.body, url, what: 'The token request' });
    if (state.txCodeValue !== undefined && (res.body as Record<string, unknown> | undefined)?.error === 'invalid_grant') {
      error.message = `The issuer did not accept the transaction code (PIN), or the offer was already used. ${error.message}`;
    }
    throw error;
  }
  const reply = res.body as Record<string, unknown> | undefined;
  const token = str(reply?.access_token);
  if (!token) throw namedError({ name: 'DataError', message: 'The token reply has no "access_token".', requestUrl: url });
  const type = str(reply?.token_type);
  if (type && type.toLowerCase() !== 'bearer' && type.toLowerCase() !== 'dpop') {
    throw namedError({ name: 'NotSupportedError', message: `The token type "${type.slice(0, 40)}" is not supported (Bearer only).` });
  }
  state.accessToken = token;
  delete state.txCodeValue;
  delete state.pkce; // the code verifier has done its work: it is not kept in the saved state
  if (str(reply?.c_nonce)) state.cNonce = String(reply!.c_nonce);
}

async function freshNonce({ state, ctx }: { state: Oid4vciState; ctx: StepContext }): Promise<string | undefined> {
  const url = state.issuer!.nonceEndpoint;
  if (!url) return state.cNonce;
  const res = await sendOid4({
    fetch: ctx.fetch, method: 'POST', url, kind: 'nonce', exchangeId: state.id, seq: state.seq++,
    onMessage: ctx.onMessage, limits: state.limits, deadline: state.deadline, signal: ctx.signal, privateNetwork: state.privateNetwork !== false,
  });
  if (res.status < 200 || res.status > 299) throw oauthError({ status: res.status, body: res.body, url, what: 'The nonce request' });
  const nonce = str((res.body as Record<string, unknown> | undefined)?.c_nonce);
  if (!nonce) throw namedError({ name: 'DataError', message: 'The nonce reply has no "c_nonce".', requestUrl: url });
  return nonce;
}

const JWT_ALGS = ['EdDSA', 'ES256'];
const CRYPTOSUITES = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'Ed25519Signature2020'];

/** Which proof the issuer takes, and what it accepts for it. No proof_types_supported → none. */
export function pickProofType({ proofTypes }: { proofTypes: Record<string, unknown> }):
  { type: 'jwt' | 'di_vp'; algs: string[]; cryptosuites: string[] } | undefined {
  const entries = Object.keys(proofTypes ?? {});
  if (!entries.length) return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const jwt = proofTypes.jwt as Record<string, unknown> | undefined;
  const jwtAlgs = list(jwt?.proof_signing_alg_values_supported).filter((a) => JWT_ALGS.includes(a));
  if (jwt && jwtAlgs.length) return { type: 'jwt', algs: jwtAlgs, cryptosuites: [] };
  const diVp = proofTypes.di_vp as Record<string, unknown> | undefined;
  const suites = list(diVp?.proof_signing_cryptosuites_supported ?? diVp?.proof_signing_alg_values_supported).filter((s) => CRYPTOSUITES.includes(s));
  if (diVp && suites.length) return { type: 'di_vp', algs: [], cryptosuites: suites };
  throw namedError({
    name: 'NotSupportedError',
    message: `The issuer asks for a proof this wallet cannot make (${entries.join(', ').slice(0, 200)}; it signs jwt with EdDSA/ES256 and di_vp with ${CRYPTOSUITES.join('/')}).`,
  });
}

async function makeProof({ state, ctx, nonce, pick }: {
  state: Oid4vciState; ctx: StepContext; nonce: string | undefined; pick: NonNullable<ReturnType<typeof pickProofType>>;
}): Promise<{ key: ProofSigner; proof: { type: 'jwt'; jwt: string } | { type: 'di_vp'; vp: Record<string, unknown> } }> {
  if (!ctx.holder) throw namedError({ name: 'NotSupportedError', message: 'No holder key was given to prove possession with.' });
  const audience = state.issuer!.credentialIssuer;
  const key = await ctx.holder({ algs: pick.algs, cryptosuites: pick.cryptosuites });
  if (pick.type === 'jwt') {
    const header = { typ: 'openid4vci-proof+jwt', alg: key.alg, kid: key.verificationMethod };
    const payload: Record<string, unknown> = { aud: audience, iat: Math.floor(Date.now() / 1000), ...(nonce ? { nonce } : {}) };
    return { key, proof: { type: 'jwt', jwt: await key.signJwt({ header, payload }) } };
  }
  if (!nonce) throw namedError({ name: 'DataError', message: 'A di_vp proof needs a c_nonce as its challenge; the issuer gave none.' });
  // No library here makes di_vp proofs (the OWF 0.4 client has none): it is a VP signed with
  // @digitalbazaar/vc for authentication, challenge = c_nonce, domain = the credential issuer.
  // the first suite the issuer accepts that this key makes: ecdsa-rdfc-2019 with P-256 (ES256), the EdDSA ones with Ed25519
  const cryptosuite = pick.cryptosuites.find((c) => (c === 'ecdsa-rdfc-2019') === (key.alg === 'ES256')) ?? pick.cryptosuites[0];
  const vp = await key.signPresentation({ challenge: nonce, domain: audience, cryptosuite });
  return { key, proof: { type: 'di_vp', vp } };
}

function credentialRequestBody({ state, configId, proof, legacy }: {
  state: Oid4vciState; configId: string; legacy: boolean;
  proof?: { type: 'jwt'; jwt: string } | { type: 'di_vp'; vp: Record<string, unknown> };
}): Record<string, unknown> {
  if (legacy) {
    // draft 13: format + credential_definition, one `proof`
    const config = state.issuer!.configurations.find((c) => c.id === configId)!;
    return {
      format: config.format,
      ...(config.definition ? { credential_definition: config.definition } : {}),
      ...(proof ? { proof: proof.type === 'jwt' ? { proof_type: 'jwt', jwt: proof.jwt } : { proof_type: 'di_vp', di_vp: proof.vp } } : {}),
    };
  }
  return {
    credential_configuration_id: configId,
    ...(proof ? { proofs: proof.type === 'jwt' ? { jwt: [proof.jwt] } : { di_vp: [proof.vp] } } : {}),
  };
}

/** Request each offered credential (a fresh nonce and proof each), retrying once on invalid_nonce. */
export async function requestCredentials({ state, ctx }: { state: Oid4vciState; ctx: StepContext }): Promise<Record<string, unknown>[]> {
  const issuer = state.issuer!;
  const url = issuer.credentialEndpoint;
  // 1.0 issuers have a nonce endpoint (or hand out no nonce at all); draft 13 put c_nonce in the token reply
  const legacy = !issuer.nonceEndpoint && state.cNonce !== undefined;
  const credentials: Record<string, unknown>[] = [];
  for (const config of issuer.configurations) {
    const pick = pickProofType({ proofTypes: config.proofTypes });
    let nonce = pick ? (issuer.nonceEndpoint ? await freshNonce({ state, ctx }) : state.cNonce) : undefined;
    for (let attempt = 0; ; attempt++) {
      const made = pick ? await makeProof({ state, ctx, nonce, pick }) : undefined;
      const body = credentialRequestBody({ state, configId: config.id, proof: made?.proof, legacy });
      const seq = state.seq++;
      state.pending = { seq, step: 'credential', url, startedAt: new Date().toISOString() };
      state.status = 'posting';
      state.steps++;
      await checkpoint(state, ctx);
      const res = await sendOid4({
        fetch: ctx.fetch, method: 'POST', url, body, accessToken: state.accessToken, kind: 'credential', exchangeId: state.id, seq,
        onMessage: ctx.onMessage, limits: state.limits, deadline: state.deadline, signal: ctx.signal, privateNetwork: state.privateNetwork !== false,
        ...(made?.proof.type === 'jwt' ? { jwts: [{ what: 'proof', jwt: made.proof.jwt }] } : {}),
      });
      delete state.pending;
      state.status = 'ready';
      const reply = (res.body ?? {}) as Record<string, unknown>;
      if (res.status >= 200 && res.status < 300) {
        if (str(reply.c_nonce)) state.cNonce = String(reply.c_nonce);
        credentials.push(...readCredentials({ reply, url, holder: made?.key.did, warnings: state.warnings }));
        break;
      }
      if (reply.error === 'invalid_nonce' && attempt === 0 && pick) {
        // the nonce was stale or used: one fresh nonce, one new proof, one retry
        nonce = issuer.nonceEndpoint ? await freshNonce({ state, ctx }) : str(reply.c_nonce);
        if (nonce) continue;
      }
      throw oauthError({ status: res.status, body: res.body, url, what: 'The credential request' });
    }
  }
  return credentials;
}

function readCredentials({ reply, url, holder, warnings }: {
  reply: Record<string, unknown>; url: string; holder?: string; warnings: string[];
}): Record<string, unknown>[] {
  if (str(reply.transaction_id) && reply.credentials === undefined && reply.credential === undefined) {
    throw namedError({ name: 'NotSupportedError', message: 'The issuer deferred the credential (transaction_id); this wallet does not collect deferred credentials yet.', requestUrl: url });
  }
  const raw = Array.isArray(reply.credentials)
    ? reply.credentials.map((c) => (c && typeof c === 'object' && 'credential' in (c as object) ? (c as Record<string, unknown>).credential : c))
    : reply.credential !== undefined ? [reply.credential] : [];
  if (!raw.length) throw namedError({ name: 'DataError', message: 'The credential reply has no credential.', requestUrl: url });
  // Same cap as utils/vcalm's offers (issue 11, finding 9): refuse the whole reply rather than
  // cut it or hand thousands of objects on (the fuzz suite sent 250,000 and all were passed on).
  if (raw.length > MAX_OFFERED_CREDENTIALS) {
    throw namedError({ name: 'DataError', message: `The issuer sent ${raw.length} credentials in one reply; at most ${MAX_OFFERED_CREDENTIALS} are accepted, so none were taken.`, requestUrl: url });
  }
  return raw.map((credential) => {
    if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
      throw namedError({ name: 'NotSupportedError', message: 'The issuer sent a credential that is not a JSON-LD (ldp_vc) object; nothing was kept.', requestUrl: url });
    }
    const c = credential as Record<string, unknown>;
    const subjects = [c.credentialSubject].flat() as Record<string, unknown>[];
    if (holder && !subjects.some((s) => s && s.id === holder)) {
      warnings.push(`The issued credential's subject is not bound to the wallet's DID ${holder}.`);
    }
    return c;
  });
}

export function wrapCredentials({ credentials }: { credentials: Record<string, unknown>[] }): Record<string, unknown> {
  return { '@context': [VC_V2], type: ['VerifiablePresentation'], verifiableCredential: credentials };
}
