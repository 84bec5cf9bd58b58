import { describe, expect, it } from 'vitest';
import { matchRequest } from './match-request';
import { allOwn, load, vectorCredentials } from './test-fixtures';
import type { MatchResult, QueryByExampleExplanation } from './types';

const credentials = [...vectorCredentials(), ...allOwn()];
const run = (file: string, extra: Partial<Parameters<typeof matchRequest>[0]> = {}) =>
  matchRequest({ request: load(`requests/${file}`), credentials, ...extra });
const qbe = (r: MatchResult, i: number) => r.queries[i] as QueryByExampleExplanation;
const ids = (r: MatchResult, q: number, cq = 0) => qbe(r, q).credentialQueries[cq].matches.map((m) => m.credentialId);

describe('DIDAuthentication', () => {
  it('acceptedMethods {method:"key"} and DCC "did:key" both mean did:key', () => {
    const a = matchRequest({ request: { query: { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] } }, credentials: [] });
    const b = matchRequest({ request: { query: { type: 'DIDAuthentication', acceptedMethods: ['did:key'] } }, credentials: [] });
    for (const r of [a, b]) {
      expect(r.queries[0]).toMatchObject({ kind: 'DIDAuthentication', acceptedMethods: ['key'], canAnswer: true });
    }
  });

  it('non-standard suite names are normalised; query as object; no challenge stays undefined', () => {
    const r = run('vcalm-workflow-didauth-query-as-object-nonstandard-suite-name.json', { wallet: { did: 'did:key:z6MkMe' } });
    expect(r.queries[0]).toMatchObject({
      acceptedCryptosuites: ['eddsa-rdfc-2022', 'Ed25519Signature2020'],
      cryptosuite: 'eddsa-rdfc-2022',
      description: 'Prove that you control a DID (did:key or did:web) with a eddsa-rdfc-2022 or Ed25519Signature2020 signature; did:key:z6MkMe will sign',
    });
    expect(r.didAuth).toMatchObject({ did: 'did:key:z6MkMe', cryptosuite: 'eddsa-rdfc-2022', canAnswer: true });
    expect(r.challenge).toBeUndefined();
    expect(r.domain).toBe('https://issuer.example.com');
  });

  it('only Ed25519Signature2020 accepted (any spelling) → that suite', () => {
    for (const name of ['Ed25519Signature2020', 'ed25519-signature-2020', 'ed25519-2020']) {
      const r = matchRequest({
        request: { query: [{ type: 'DIDAuthentication', acceptedCryptosuites: [{ cryptosuite: name }] }], challenge: 'x' },
        credentials: [],
      });
      expect(r.didAuth?.cryptosuite).toBe('Ed25519Signature2020');
    }
  });

  it('DCC chapiVPR (exchange setup response) and DID auth without acceptedMethods', () => {
    const setup = load('messages/dcc-transaction-service-exchange-setup-response.json');
    const r = matchRequest({ request: setup[0].chapiVPR, credentials: [] });
    expect(r.satisfiable).toBe(true);
    expect(r.didAuth).toMatchObject({ required: true, cryptosuite: 'eddsa-rdfc-2022' });
    expect(r.challenge).toBe('27485032-e0bc-4d74-bb5a-bb778cd7f8e3');
    expect(r.domain).toBe('http://localhost:4005');
  });

  it('did:example only / ecdsa only: named NotSupportedError with the reason', () => {
    const ex = run('vcalm-didauth-acceptedMethods-simple.json');
    expect(ex.didAuth?.problem).toEqual({
      name: 'NotSupportedError',
      message: 'The verifier accepts only did:example; this wallet has did:key.',
    });
    const ec = run('vcalm-didauth-acceptedMethods-acceptedCryptosuites.json');
    expect(ec.satisfiable).toBe(false);
    expect(ec.unsupported[0].message).toContain('ecdsa-rdfc-2019');
  });

  it('required:false DID auth is optional', () => {
    const r = run('vcalm-didauth-two-queries-optional-required-false.json', { wallet: { cryptosuites: ['ecdsa-rdfc-2019'] } });
    expect(r.queries[1]).toMatchObject({ required: false, canAnswer: false, satisfiable: true });
    expect(r.satisfiable).toBe(true);
    expect(r.didAuth).toMatchObject({ queryIndexes: [0], cryptosuite: 'ecdsa-rdfc-2019' });
    const onlyOptional = matchRequest({
      request: { query: [{ type: 'DIDAuthentication', required: false }] },
      credentials: [],
    });
    expect(onlyOptional.didAuth).toMatchObject({ required: false, canAnswer: true });
  });

  it('DID auth + QBE in one request; interact is passed through', () => {
    const r = run('vcalm-oas-didauth-plus-qbe-with-interact-service.json');
    expect(r.queries.map((q) => q.kind)).toEqual(['DIDAuthentication', 'QueryByExample']);
    expect(ids(r, 1)).toEqual(['own-degree']); // ecdsa-rdfc-2019 is among the accepted suites
    expect(r.satisfiable).toBe(true);
    expect(r.didAuth).toMatchObject({ required: true, cryptosuite: 'eddsa-rdfc-2022' });
    expect((r.interact as any).service[0].type).toBe('UnmediatedPresentationService2021');
  });
});

