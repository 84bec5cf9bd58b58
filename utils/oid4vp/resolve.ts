// From a request link to a checked authorization request: fetch the request object (by
// reference), decode it, establish who the verifier is, and refuse by name what the wallet cannot
// check — before anything is sent to the verifier.
import type { Openid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { validateAuthorizationRequestLib } from '../openid-libs/openid4vp';
import { namedError } from '../errors';
import { checkJson } from '../json-bounds';
import { checkEndpointUrl } from '../vcalm/url-policy';
import type { OnMessage } from '../vcalm/transcript';
import { parseClientId } from './client-id';
import { sendOid4vp, type FetchLike } from './http';
import { parseRequestUri } from './parse-uri';
import { decodeJwt, looksLikeJwt, verifyDidSignedJwt, type DecodedJwt } from './request-object';
import type { Oid4vpState, Verifier } from './state';
import { WALLET_METADATA } from './wallet-metadata';

export interface StepContext {
  fetch?: FetchLike;
  onMessage?: OnMessage;
  signal?: AbortSignal;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const LINK_ONLY = ['request_uri', 'request_uri_method', 'request'];

function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The transcript's view of a request object: decoded JWT parts, or the JSON flagged as unsigned. */
function describeRequestObject(body: unknown): unknown {
  if (looksLikeJwt(body)) {
    try {
      const { header, payload } = decodeJwt({ jwt: body });
      return { format: 'jwt', header, payload };
    } catch {
      return undefined;
    }
  }
  if (isObject(body)) return { format: 'json', payload: body, note: 'A plain JSON request object (not a signed JWT): not conformant to OpenID4VP 1.0; accepted only from an unsigned redirect_uri: verifier.' };
  return undefined;
}

/** The library's own checks of the request parameters (response mode vs response_uri, one query, wallet_nonce). */
function libraryChecks(payload: Record<string, unknown>, walletNonce: string | undefined, notes: string[]): void {
  const params = { ...payload };
  if (params.dcql_query !== undefined && params.presentation_definition !== undefined) {
    // 1.0 has only DCQL; a service that sends both (bedrock does) is answered with DCQL
    delete params.presentation_definition;
    notes.push('The request carries both dcql_query and presentation_definition; it is answered with DCQL.');
  }
  if (!walletNonce) delete params.wallet_nonce;
  const validateAuthorizationRequest = validateAuthorizationRequestLib(); // outside the try: a library that cannot load is not a bad request
  try {
    validateAuthorizationRequest({
      params: params as unknown as Openid4vpAuthorizationRequest,
      ...(walletNonce ? { walletVerificationOptions: { expectedNonce: walletNonce } } : {}),
    });
  } catch (cause) {
    const description = (cause as { errorResponse?: { error_description?: string } })?.errorResponse?.error_description
      ?? (cause as Error)?.message;
    const nonce = /wallet_nonce/.test(String(description));
    throw namedError({ name: nonce ? 'NotAllowedError' : 'DataError', message: `The authorization request is not valid: ${description}`, cause });
  }
}

export async function resolveRequest({ state, ctx }: { state: Oid4vpState; ctx: StepContext }): Promise<void> {
  const link = parseRequestUri({ uri: state.uri });
  const outer = link.params;
  // Refuse a verifier the wallet cannot check before fetching anything.
  if (outer.client_id !== undefined) parseClientId({ clientId: outer.client_id, clientIdScheme: outer.client_id_scheme });
  const notes: string[] = [];
  let body: unknown;
  if (link.requestUri) {
    const url = checkEndpointUrl({ url: link.requestUri, what: 'request_uri', privateNetwork: state.privateNetwork !== false }).href;
    let form: Record<string, string> | undefined;
    if (link.requestUriMethod === 'post') {
      state.walletNonce = randomNonce();
      form = { wallet_metadata: JSON.stringify(WALLET_METADATA), wallet_nonce: state.walletNonce };
    }
    const seq = state.seq++;
    const reply = await sendOid4vp({
      fetch: ctx.fetch, method: form ? 'POST' : 'GET', url, ...(form ? { form } : {}),
      accept: 'application/oauth-authz-req+jwt, application/jwt, application/json;q=0.5',
      kind: 'oid4vp-request', exchangeId: state.id, seq, onMessage: ctx.onMessage, limits: state.limits,
      deadline: state.deadline, signal: ctx.signal, privateNetwork: state.privateNetwork !== false,
      decorate: (message, r) => {
        const decoded = describeRequestObject(r.body);
        if (decoded) message.decoded = decoded;
      },
    });
    body = reply.body;
  } else if (outer.request !== undefined) {
    body = outer.request;
  } else {
    body = Object.fromEntries(Object.entries(outer).filter(([k]) => !LINK_ONLY.includes(k)));
    notes.push('The request came by value in the link (not signed).');
  }
  let jwt: DecodedJwt | undefined;
  let payload: Record<string, unknown>;
  if (looksLikeJwt(body)) {
    jwt = decodeJwt({ jwt: body });
    payload = jwt.payload;
    if (jwt.header.typ !== 'oauth-authz-req+jwt') notes.push(`The request object's typ is "${String(jwt.header.typ)}", not "oauth-authz-req+jwt".`);
  } else if (isObject(body)) {
    payload = body;
    if (link.requestUri || outer.request !== undefined) {
      notes.push('The request object is plain JSON, not a signed JWT (not conformant to OpenID4VP 1.0).');
    }
  } else {
    throw namedError({ name: 'DataError', message: 'The request object is neither a JWT nor a JSON object.' });
  }
  // Depth, size and prototype keys, as every other JSON boundary is bounded: the fuzz suite found
  // request objects nested 20,000 deep and with "__proto__" / "prototype" keys accepted as-is.
  if (jwt) checkJson({ value: jwt.header, what: 'The request object\'s JWT header' });
  checkJson({ value: payload, what: 'The request object' });
  if (outer.client_id !== undefined && payload.client_id !== undefined && payload.client_id !== outer.client_id) {
    throw namedError({ name: 'NotAllowedError', message: `The request object names client "${String(payload.client_id)}", but the link named "${String(outer.client_id)}"; nothing was sent.` });
  }
  const client = parseClientId({
    clientId: payload.client_id ?? outer.client_id,
    clientIdScheme: payload.client_id_scheme ?? outer.client_id_scheme,
  });
  if (payload.client_id === undefined) payload = { ...payload, client_id: client.clientId };
  if (payload.response_type !== 'vp_token') {
    throw namedError({ name: 'NotSupportedError', message: `The request asks for response_type "${String(payload.response_type)}"; this wallet answers only vp_token.` });
  }
  const mode = payload.response_mode ?? 'fragment';
  if (mode !== 'direct_post') {
    throw namedError({ name: 'NotSupportedError', message: `The request wants the answer by "${String(mode)}"; this wallet answers by direct_post only.` });
  }
  if (typeof payload.response_uri !== 'string') throw namedError({ name: 'DataError', message: 'The request has no "response_uri".' });
  const responseUri = checkEndpointUrl({ url: payload.response_uri, what: 'response_uri', privateNetwork: state.privateNetwork !== false }).href;
  if (typeof payload.nonce !== 'string' || !payload.nonce) throw namedError({ name: 'DataError', message: 'The request has no "nonce"; the wallet signs only for a nonce the verifier chose.' });
  if (payload.transaction_data !== undefined) {
    throw namedError({ name: 'NotSupportedError', message: 'The request carries transaction_data, which this wallet cannot sign for.' });
  }
  let verifier: Verifier;
  if (client.prefix === 'decentralized_identifier') {
    if (!jwt) throw namedError({ name: 'NotAllowedError', message: `The verifier ${client.value} must sign its request, but the request object is not signed; nothing was sent.` });
    await verifyDidSignedJwt({ jwt, did: client.value });
    verifier = { clientId: client.clientId, prefix: client.prefix, kind: 'did', id: client.value, checked: true, nonConformant: notes };
  } else {
    if (client.value !== payload.response_uri) {
      throw namedError({
        name: 'NotAllowedError',
        message: `The client_id "${client.clientId}" does not match the response URI ${payload.response_uri}; a redirect_uri: verifier is only its response URI. Nothing was sent.`,
      });
    }
    if (jwt && jwt.header.alg !== 'none') notes.push('A redirect_uri: request must not be signed; its signature was not checked (the verifier is only the response URI\'s origin).');
    verifier = { clientId: client.clientId, prefix: client.prefix, kind: 'origin', id: new URL(responseUri).origin, checked: false, nonConformant: notes };
  }
  libraryChecks(payload, jwt ? state.walletNonce : undefined, notes);
  state.authorizationRequest = payload;
  state.verifier = verifier;
  state.exchangeUrl = responseUri;
  state.origin = new URL(responseUri).origin;
  state.warnings.push(...notes);
  state.request = { ...payload, challenge: payload.nonce, domain: client.clientId };
  state.status = 'request';
}
