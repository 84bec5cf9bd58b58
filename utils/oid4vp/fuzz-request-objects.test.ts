// Fuzz: OID4VP request objects. 100+ malformed requests per form, generated from a valid
// redirect_uri: request (utils/testing/fuzz.ts), go through the engine's resolve step
// (nextOid4vp on a fresh state): by value in the link, and by request_uri from one local verifier
// on 127.0.0.1 as JSON and as an unsigned (alg none) JWT. Each must end in an error named in
// ERROR_NAMES or in a correct answer:
// - correct = the engine rests at "request" with what the wallet then relies on intact: vp_token
//   by direct_post, a non-empty nonce, the response URI and client_id this verifier owns (a
//   mutation cannot move the answer elsewhere), and a request that is bounded JSON without
//   prototype keys. Nothing is ever sent to the response URI while resolving.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_NAMES } from '../errors';
import { checkJson } from '../json-bounds';
import { formatTally, malformedInputs, newTally, record, type FuzzInput, type Tally } from '../testing/fuzz';
import { base64UrlEncode, createOid4vpExchange, nextOid4vp, signRequestObject } from '.';

const NAMES = [...ERROR_NAMES] as string[];
const JSON_PARAMS = ['dcql_query', 'presentation_definition', 'client_metadata', 'transaction_data'];
const VC = 'https://www.w3.org/2018/credentials#VerifiableCredential';

let server: Server;
let base = '';
let responseUri = '';
let valid: Record<string, unknown>;
let served: { text: string; type: string } = { text: '', type: 'application/json' };
let answers = 0;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    await new Promise((resolve) => { req.on('end', resolve).resume(); }); // drain the body
    if (req.url === '/request') {
      res.writeHead(200, { 'content-type': served.type }).end(served.text);
    } else {
      if (req.url === '/response') answers++;
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  responseUri = `${base}/response`;
  valid = {
    response_type: 'vp_token', response_mode: 'direct_post', client_id: `redirect_uri:${responseUri}`,
    response_uri: responseUri, nonce: 'nonce-123', state: 'state-456',
    dcql_query: { credentials: [{ id: 'any', format: 'ldp_vc', meta: { type_values: [[VC]] }, claims: [{ path: ['credentialSubject', 'name'] }] }] },
    client_metadata: { vp_formats_supported: { ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022'] } } },
  };
});
afterAll(async () => {
  await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
});

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The request by value: its parameters in the link (JSON ones as JSON), or `request=` for a non-object. */
function byValueLink(input: FuzzInput): string {
  const asRequest = `openid4vp://?request=${encodeURIComponent(input.text)}`;
  if (!isObject(input.value)) return asRequest;
  const params = new URLSearchParams();
  try {
    for (const [key, v] of Object.entries(input.value)) {
      params.append(key, typeof v === 'string' && !JSON_PARAMS.includes(key) ? v : JSON.stringify(v) ?? '');
    }
  } catch {
    return asRequest; // nested past what JSON.stringify (here, in the test) can write back
  }
  return `openid4vp://?${params}`;
}

const byReferenceLink = () => `openid4vp://?client_id=${encodeURIComponent(`redirect_uri:${responseUri}`)}&request_uri=${encodeURIComponent(`${base}/request`)}`;

/** An unsigned request-object JWT whose payload part is the (malformed) text. */
const unsignedJwt = (text: string) => `${base64UrlEncode(new TextEncoder().encode(JSON.stringify({ alg: 'none', typ: 'oauth-authz-req+jwt' })))}.${Buffer.from(text).toString('base64url')}.`;

async function tryOne({ tally, label, uri }: { tally: Tally; label: string; uri: string }) {
  let step: Awaited<ReturnType<typeof nextOid4vp>>;
  try {
    step = await nextOid4vp({ state: createOid4vpExchange({ uri }), limits: { requestTimeoutMs: 5000 } });
  } catch (error) {
    record(tally, { label, error: error as Error, extraNames: NAMES });
    return;
  }
  if (step.event.type === 'failed') {
    record(tally, { label, error: step.state.error ?? { name: 'missing error' }, extraNames: NAMES });
    return;
  }
  const s = step.state;
  const r = (s.authorizationRequest ?? {}) as Record<string, unknown>;
  let correct = step.event.type === 'request' && s.status === 'request'
    && r.response_type === 'vp_token' && r.response_mode === 'direct_post'
    && typeof r.nonce === 'string' && r.nonce.length > 0
    && r.response_uri === responseUri && s.exchangeUrl === responseUri && s.origin === base
    && r.client_id === `redirect_uri:${responseUri}` && s.verifier?.id === base;
  try {
    checkJson({ value: s.request, what: 'the resolved request' });
  } catch {
    correct = false;
  }
  record(tally, { label, correct });
}

function report(boundary: string, tally: Tally, tried: number) {
  console.log(formatTally(boundary, tally));
  expect(tally.others).toEqual([]);
  expect(tally.other).toBe(0);
  expect(tally.tried).toBe(tried);
  expect(tally.tried).toBeGreaterThanOrEqual(100);
  expect(tally.named).toBeGreaterThan(0);
  expect(answers).toBe(0); // resolving never answers the verifier
}

describe('fuzz: OID4VP request objects → the engine', () => {
  test('the valid request resolves in each form (the reference answers)', async () => {
    const tally = newTally();
    await tryOne({ tally, label: 'by value', uri: byValueLink({ label: '', text: JSON.stringify(valid), value: valid }) });
    served = { text: JSON.stringify(valid), type: 'application/json' };
    await tryOne({ tally, label: 'request_uri json', uri: byReferenceLink() });
    served = { text: await signRequestObject({ payload: valid }), type: 'application/oauth-authz-req+jwt' };
    await tryOne({ tally, label: 'request_uri jwt', uri: byReferenceLink() });
    expect(tally).toMatchObject({ tried: 3, accepted: 3, other: 0 });
  });

  test('by value in the link: every malformed request ends named or correct', async () => {
    const tally = newTally();
    const inputs = malformedInputs({ valid, seed: 5100, count: 120 });
    for (const input of inputs) await tryOne({ tally, label: input.label, uri: byValueLink(input) });
    report('oid4vp request by value', tally, inputs.length);
  }, 60_000);

  test('by request_uri, JSON: every malformed request object ends named or correct', async () => {
    const tally = newTally();
    const inputs = malformedInputs({ valid, seed: 5200, count: 120 });
    for (const input of inputs) {
      served = { text: input.text, type: 'application/json' };
      await tryOne({ tally, label: input.label, uri: byReferenceLink() });
    }
    report('oid4vp request_uri JSON', tally, inputs.length);
  }, 60_000);

  test('by request_uri, unsigned JWT: every malformed request object ends named or correct', async () => {
    const tally = newTally();
    const inputs = malformedInputs({ valid, seed: 5300, count: 120 });
    for (const input of inputs) {
      served = { text: unsignedJwt(input.text), type: 'application/oauth-authz-req+jwt' };
      await tryOne({ tally, label: input.label, uri: byReferenceLink() });
    }
    report('oid4vp request_uri unsigned JWT', tally, inputs.length);
  }, 60_000);
});
