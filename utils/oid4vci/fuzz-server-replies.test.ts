// Fuzz: OID4VCI server replies. One local issuer on 127.0.0.1 serves a valid pre-authorized
// issuance (offer by reference, issuer metadata, AS metadata, token, nonce, credential); for each
// boundary it serves, in place of the valid document, 100+ malformed ones generated from it
// (utils/testing/fuzz.ts), and the engine (runOid4vci) must end each in an error named in
// ERROR_NAMES or in a correct answer:
// - correct = the run completed and handed over exactly the credential the valid flow gives, or
//   (credential reply only) what it handed over is not that credential and the wallet's own
//   verifyCredential — which the runner calls before asking — refuses it (not verified, or a named
//   error). So no altered content can reach the wallet's store as verified.
// The offer by value is fuzzed through the link itself. A fetch to any host but this issuer (a
// mutation may name one) is refused as an unreachable host would be, so nothing leaves 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDidKey, issueCredential, verifyCredential, type WalletKey } from '../crypto';
import { ERROR_NAMES } from '../errors';
import { formatTally, malformedInputs, newTally, record, type Tally } from '../testing/fuzz';
import { holderFromKeys } from '../wallet/holder';
import type { FetchLike } from '../vcalm/http';
import { runOid4vci, type HolderFor } from './index';

const NAMES = [...ERROR_NAMES] as string[];
type Route = 'offer' | 'issuer' | 'as' | 'token' | 'nonce' | 'credential';
const PATHS: Record<string, Route> = {
  'GET /offer': 'offer',
  'GET /.well-known/openid-credential-issuer': 'issuer',
  'GET /.well-known/oauth-authorization-server': 'as',
  'POST /token': 'token',
  'POST /nonce': 'nonce',
  'POST /credential': 'credential',
};

let server: Server;
let base = '';
let holder: HolderFor;
let credential: Record<string, unknown>;
let valid: Record<Route, Record<string, unknown>>;
/** The text served in place of one route's valid document (null: all valid). */
let swap: { route: Route; text: string } | null = null;
const guardedFetch: FetchLike = (input, init) => {
  const url = String(input);
  if (!url.startsWith(`${base}/`)) return Promise.reject(new TypeError(`fetch failed: ${url.slice(0, 80)} is off the test host`));
  return globalThis.fetch(input, init);
};

beforeAll(async () => {
  const issuerKey: WalletKey = await generateDidKey({ extractable: true });
  const key = await generateDidKey();
  holder = holderFromKeys({ keys: async () => [key] });
  server = createServer(async (req, res) => {
    await new Promise((resolve) => { req.on('end', resolve).resume(); }); // drain the body; this issuer takes any token and proof
    const route = PATHS[`${req.method} ${new URL(req.url ?? '/', base).pathname}`];
    if (!route) { res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}'); return; }
    const text = swap?.route === route ? swap.text : JSON.stringify(valid[route]);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  credential = await issueCredential({
    key: issuerKey,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: issuerKey.did,
      validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: key.did, name: 'Fuzzed issuance' },
    },
  }) as Record<string, unknown>;
  valid = {
    offer: {
      credential_issuer: base, credential_configuration_ids: ['ProductCredential'],
      grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'pre-1' } },
    },
    issuer: {
      credential_issuer: base, credential_endpoint: `${base}/credential`, nonce_endpoint: `${base}/nonce`,
      display: [{ name: 'Fuzz issuer' }],
      credential_configurations_supported: {
        ProductCredential: {
          format: 'ldp_vc', credential_definition: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] },
          cryptographic_binding_methods_supported: ['did:key'], proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] } },
        },
      },
    },
    as: { issuer: base, token_endpoint: `${base}/token`, grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'] },
    token: { access_token: 'token-1', token_type: 'Bearer', expires_in: 300 },
    nonce: { c_nonce: 'nonce-1' },
    credential: { credentials: [{ credential }] },
  };
});
afterAll(async () => {
  await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
});

const byReference = () => `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${base}/offer`)}`;
const handedOver = (presentations: Record<string, unknown>[]) => presentations.flatMap((vp) => vp.verifiableCredential as unknown[]);

/** One run; its outcome recorded. `offerUrl` defaults to the offer by reference. */
async function tryOne({ tally, label, offerUrl }: { tally: Tally; label: string; offerUrl?: string }) {
  let result: Awaited<ReturnType<typeof runOid4vci>>;
  try {
    result = await runOid4vci({ offerUrl: offerUrl ?? byReference(), holder, fetch: guardedFetch, pin: async () => null, limits: { requestTimeoutMs: 5000 } });
  } catch (error) {
    record(tally, { label, error: error as Error, extraNames: NAMES });
    return;
  }
  const { event, presentations } = result;
  if (event.type === 'failed' || event.type === 'declined') {
    record(tally, { label, error: result.state.error ?? { name: 'missing error' }, extraNames: NAMES });
    return;
  }
  const got = handedOver(presentations);
  let correct = event.type === 'complete' && got.length === 1;
  if (correct && JSON.stringify(got[0]) !== JSON.stringify(credential)) {
    // altered content: the wallet's verification (run before it asks the user) must refuse it
    try {
      correct = (await verifyCredential({ credential: got[0] } as never) as { verified: boolean }).verified === false;
    } catch (error) {
      record(tally, { label: `${label} (verifyCredential)`, error: error as Error, extraNames: NAMES });
      return;
    }
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
}

describe('fuzz: OID4VCI server replies → the engine', () => {
  test('the valid issuance hands over the signed credential (the reference answer)', async () => {
    swap = null;
    const result = await runOid4vci({ offerUrl: byReference(), holder, fetch: guardedFetch });
    expect(result.event.type).toBe('complete');
    expect(handedOver(result.presentations)).toEqual([credential]);
    expect(await verifyCredential({ credential } as never)).toMatchObject({ verified: true });
  });

  test('the offer by value (in the link): every malformed offer ends named or correct', async () => {
    swap = null;
    const tally = newTally();
    const inputs = malformedInputs({ valid: valid.offer, seed: 4100, count: 110 });
    for (const input of inputs) {
      await tryOne({ tally, label: input.label, offerUrl: `openid-credential-offer://?credential_offer=${encodeURIComponent(input.text)}` });
    }
    report('oid4vci offer by value', tally, inputs.length);
  }, 120_000);

  const boundaries: [Route, string, number][] = [
    ['offer', 'oid4vci credential_offer_uri document', 4200],
    ['issuer', 'oid4vci issuer metadata', 4300],
    ['as', 'oid4vci AS metadata', 4400],
    ['token', 'oid4vci token reply', 4500],
    ['nonce', 'oid4vci nonce reply', 4600],
    ['credential', 'oid4vci credential reply', 4700],
  ];
  for (const [route, boundary, seed] of boundaries) {
    test(`${boundary}: every malformed reply ends named or correct`, async () => {
      const tally = newTally();
      const inputs = malformedInputs({ valid: valid[route], seed, count: 110 });
      try {
        for (const input of inputs) {
          swap = { route, text: input.text };
          await tryOne({ tally, label: input.label });
        }
      } finally {
        swap = null;
      }
      report(boundary, tally, inputs.length);
    }, 120_000);
  }
});
