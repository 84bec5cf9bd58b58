// The OID4VP engine against a real local verifier (utils/oid4vp/testing/verifier.ts): every
// request form, the answer the verifier receives (checked with the wallet's own verifier code),
// and the refusals — each a named error with nothing sent.
import { afterEach, describe, expect, it } from 'vitest';
import { createPresentation, generateDidKey, signPresentation, verifyPresentation, type WalletKey } from '../crypto';
import { load } from '../query/test-fixtures';
import type { TranscriptMessage } from '../vcalm';
import { createOid4vpExchange, nextOid4vp, signRequestObject, type Oid4vpState } from '.';
import { startTestVerifier, type TestVerifier } from './testing/verifier';

const VC = 'https://www.w3.org/2018/credentials#VerifiableCredential';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential';
const badge = load('credentials/ob3-vc2-eddsa-rdfc-2022-didkey.json');
const dcqlQuery = {
  credentials: [{ id: 'badge', format: 'ldp_vc', meta: { type_values: [[VC, OB]] }, claims: [{ path: ['credentialSubject', 'achievement', 'name'] }] }],
};

let verifier: TestVerifier | undefined;
afterEach(async () => { await verifier?.close(); verifier = undefined; });

let holderKey: WalletKey | undefined;
async function holder(): Promise<WalletKey> {
  holderKey ??= await generateDidKey({ extractable: true });
  return holderKey;
}

function requestPayload(responseUri: string, extra: Record<string, unknown> = {}) {
  return {
    response_type: 'vp_token', response_mode: 'direct_post', client_id: `redirect_uri:${responseUri}`,
    response_uri: responseUri, nonce: 'nonce-123', state: 'state-456', dcql_query: dcqlQuery,
    client_metadata: { vp_formats_supported: { ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022'] } } },
    ...extra,
  };
}

async function resolve(uri: string, messages: TranscriptMessage[] = []) {
  const state = createOid4vpExchange({ uri });
  return nextOid4vp({ state, onMessage: (m) => { messages.push(m); } });
}

async function answer(state: Oid4vpState, credentials: unknown[], messages: TranscriptMessage[] = []) {
  const key = await holder();
  const request = state.request!;
  const vp = await signPresentation({
    presentation: createPresentation({ holder: key.did, verifiableCredential: credentials as object[] }),
    key, challenge: String(request.challenge), domain: String(request.domain),
  });
  return nextOid4vp({ state, input: { type: 'presentation', verifiablePresentation: vp as Record<string, unknown> }, onMessage: (m) => { messages.push(m); } });
}

describe('OID4VP wallet engine', () => {
  it('redirect_uri: by reference with request_uri_method=post: wallet_metadata and wallet_nonce sent, DCQL answered, state echoed, redirect followed', async () => {
    verifier = await startTestVerifier({
      requestObject: async ({ responseUri, walletNonce }) => signRequestObject({ payload: { ...requestPayload(responseUri), wallet_nonce: walletNonce } }),
    });
    const clientId = `redirect_uri:${verifier.responseUri}`;
    const uri = `openid4vp://?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(verifier.requestUri)}&request_uri_method=post`;
    const messages: TranscriptMessage[] = [];
    const first = await resolve(uri, messages);
    expect(first.event.type).toBe('request');
    const event = first.event as Extract<typeof first.event, { type: 'request' }>;
    expect(event.verifier).toMatchObject({ kind: 'origin', id: verifier.baseUrl, checked: false, prefix: 'redirect_uri' });
    expect(event.challenge).toBe('nonce-123');
    expect(event.domain).toBe(clientId);
    expect(verifier.calls.fetches).toHaveLength(1);
    expect(verifier.calls.fetches[0].method).toBe('POST');
    expect(JSON.parse(verifier.calls.fetches[0].form.wallet_metadata).vp_formats_supported.ldp_vc).toBeTruthy();
    expect(verifier.calls.fetches[0].form.wallet_nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(messages[0]).toMatchObject({ kind: 'oid4vp-request', method: 'POST', status: 200 });
    expect(messages[0].decoded).toMatchObject({ format: 'jwt', header: { alg: 'none', typ: 'oauth-authz-req+jwt' }, payload: { nonce: 'nonce-123' } });

    const done = await answer(first.state, [badge], messages);
    expect(done.event).toEqual({ type: 'complete', redirectUrl: 'https://verifier.example/done', received: 0, presented: 1 });
    expect(verifier.calls.answers).toHaveLength(1);
    const sent = verifier.calls.answers[0];
    expect(sent.state).toBe('state-456');
    const token = JSON.parse(sent.vp_token);
    expect(Object.keys(token)).toEqual(['badge']);
    const result = await verifyPresentation({ presentation: token.badge[0], challenge: 'nonce-123', domain: clientId });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(messages.map((m) => [m.seq, m.kind])).toEqual([[0, 'oid4vp-request'], [1, 'oid4vp-response']]);
  }, 60_000);

  it('decentralized_identifier: a request object signed by the DID is accepted and named by its DID', async () => {
    const verifierKey = await generateDidKey({ extractable: true });
    verifier = await startTestVerifier({
      requestObject: async ({ responseUri }) => signRequestObject({
        payload: requestPayload(responseUri, { client_id: `decentralized_identifier:${verifierKey.did}` }), key: verifierKey,
      }),
    });
    const uri = `openid4vp://?client_id=${encodeURIComponent(`decentralized_identifier:${verifierKey.did}`)}&request_uri=${encodeURIComponent(verifier.requestUri)}`;
    const first = await resolve(uri);
    expect(first.event).toMatchObject({ type: 'request', verifier: { kind: 'did', id: verifierKey.did, checked: true } });
  }, 60_000);

  it('refuses a request object signed by another key (NotAllowedError), nothing sent', async () => {
    const [claimed, other] = await Promise.all([generateDidKey({ extractable: true }), generateDidKey({ extractable: true })]);
    verifier = await startTestVerifier({
      requestObject: async ({ responseUri }) => signRequestObject({
        payload: requestPayload(responseUri, { client_id: `decentralized_identifier:${claimed.did}` }),
        key: other, header: { kid: claimed.verificationMethod },
      }),
    });
    const uri = `openid4vp://?client_id=${encodeURIComponent(`decentralized_identifier:${claimed.did}`)}&request_uri=${encodeURIComponent(verifier.requestUri)}`;
    const result = await resolve(uri);
    expect(result.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
    expect((result.event as { error: { message: string } }).error.message).toMatch(/not signed by/);
    expect(verifier.calls.answers).toHaveLength(0);
  }, 60_000);

  it('refuses a client_id that does not match the response URI (NotAllowedError), nothing sent', async () => {
    verifier = await startTestVerifier({
      requestObject: async ({ responseUri }) => signRequestObject({ payload: requestPayload(responseUri, { client_id: 'redirect_uri:https://elsewhere.example/response' }) }),
    });
    const uri = `openid4vp://?request_uri=${encodeURIComponent(verifier.requestUri)}`;
    const result = await resolve(uri);
    expect(result.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
    expect((result.event as { error: { message: string } }).error.message).toMatch(/does not match the response URI/);
    expect(verifier.calls.answers).toHaveLength(0);
  }, 60_000);

  it('refuses unsupported client identifier prefixes by name before fetching anything', async () => {
    verifier = await startTestVerifier({ requestObject: async ({ responseUri }) => requestPayload(responseUri) });
    for (const clientId of ['x509_san_dns:verifier.example', 'x509_hash:abc', 'verifier_attestation:v', 'openid_federation:https://v.example', 'origin:https://v.example', 'https://v.example/cb']) {
      const uri = `openid4vp://?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(verifier.requestUri)}`;
      const result = await resolve(uri);
      expect(result.event, clientId).toMatchObject({ type: 'failed', error: { name: 'NotSupportedError' } });
    }
    expect(verifier.calls.fetches).toHaveLength(0);
    expect(verifier.calls.answers).toHaveLength(0);
  }, 60_000);

  it('a plain-JSON request object: accepted from redirect_uri: (flagged non-conformant), refused for a DID verifier', async () => {
    const did = (await generateDidKey({ extractable: true })).did;
    let clientId = '';
    verifier = await startTestVerifier({ requestObject: async ({ responseUri }) => requestPayload(responseUri, clientId ? { client_id: clientId } : {}) });
    const ok = await resolve(`openid4vp://?request_uri=${encodeURIComponent(verifier.requestUri)}`);
    expect(ok.event.type).toBe('request');
    expect(ok.state.verifier?.nonConformant.join(' ')).toMatch(/plain JSON/);
    clientId = `decentralized_identifier:${did}`;
    const refused = await resolve(`openid4vp://?request_uri=${encodeURIComponent(verifier.requestUri)}`);
    expect(refused.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
  }, 60_000);

  it('a DCQL query nothing in the presentation matches: DataError, nothing sent', async () => {
    verifier = await startTestVerifier({ requestObject: async ({ responseUri }) => signRequestObject({ payload: requestPayload(responseUri) }) });
    const first = await resolve(`openid4vp://?request_uri=${encodeURIComponent(verifier.requestUri)}`);
    const other = load('credentials/vc1-ed25519signature2020-didkey-minimal.json');
    const result = await answer(first.state, [other]);
    expect(result.event).toMatchObject({ type: 'failed', error: { name: 'DataError' } });
    expect((result.event as { error: { message: string } }).error.message).toMatch(/Nothing was sent/);
    expect(verifier.calls.answers).toHaveLength(0);
  }, 60_000);

  it('Presentation Exchange by value (draft client_id_scheme): vp_token is the VP, with a presentation_submission', async () => {
    verifier = await startTestVerifier({ requestObject: async () => ({}), answer: {} });
    const definition = { id: 'pd-1', input_descriptors: [{ id: 'named', constraints: { fields: [{ path: ['$.credentialSubject.achievement.name'] }] } }] };
    const params = new URLSearchParams({
      response_type: 'vp_token', response_mode: 'direct_post', client_id: verifier.responseUri, client_id_scheme: 'redirect_uri',
      response_uri: verifier.responseUri, nonce: 'n-pex', presentation_definition: JSON.stringify(definition),
    });
    const first = await resolve(`openid4vp://?${params}`);
    expect(first.event.type).toBe('request');
    const done = await answer(first.state, [badge]);
    expect(done.event).toMatchObject({ type: 'complete', presented: 1 });
    const sent = verifier.calls.answers[0];
    expect(JSON.parse(sent.vp_token).type).toContain('VerifiablePresentation');
    expect(JSON.parse(sent.presentation_submission)).toMatchObject({
      definition_id: 'pd-1', descriptor_map: [{ id: 'named', format: 'ldp_vp', path: '$', path_nested: { path: '$.verifiableCredential[0]' } }],
    });
  }, 60_000);

  it('a worker stopped while the answer was leaving never sends it again', async () => {
    verifier = await startTestVerifier({ requestObject: async ({ responseUri }) => signRequestObject({ payload: requestPayload(responseUri) }) });
    const first = await resolve(`openid4vp://?request_uri=${encodeURIComponent(verifier.requestUri)}`);
    let saved: Oid4vpState | undefined;
    const key = await holder();
    const vp = await signPresentation({
      presentation: createPresentation({ holder: key.did, verifiableCredential: [badge] }), key,
      challenge: 'nonce-123', domain: String(first.state.request!.domain),
    });
    await nextOid4vp({ state: first.state, input: { type: 'presentation', verifiablePresentation: vp as Record<string, unknown> }, checkpoint: (s) => { saved = s; } });
    expect(saved?.status).toBe('posting');
    expect(verifier.calls.answers).toHaveLength(1);
    const resumed = await nextOid4vp({ state: saved! });
    expect(resumed.event).toMatchObject({ type: 'failed', error: { name: 'InterruptedError' } });
    expect(verifier.calls.answers).toHaveLength(1);
  }, 60_000);

  it('bad links are named errors', () => {
    expect(() => createOid4vpExchange({ uri: 'openid4vp://?client_id=x' })).toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(() => createOid4vpExchange({ uri: 'openid4vp://?request_uri=x&request_uri_method=put' })).toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(() => createOid4vpExchange({ uri: 'ftp://x' })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });
});
