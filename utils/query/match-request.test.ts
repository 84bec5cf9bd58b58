import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRequest } from './match-request';
import { normalizeRequest } from './normalize-request';
import { defaultSelection } from './selection';
import { allOwn, load, own, vectorCredentials, vectors } from './test-fixtures';
import type { MatchResult, QueryByExampleExplanation } from './types';

const credentials = [...vectorCredentials(), ...allOwn()];
const requestFiles = readdirSync(resolve(vectors, 'requests')).filter(
  (f) => f !== 'vcalm-qbe.schema.json' && f !== 'oid4-client-qbe-match-cases.json',
);
const run = (file: string, extra: Partial<Parameters<typeof matchRequest>[0]> = {}) =>
  matchRequest({ request: load(`requests/${file}`), credentials, ...extra });
const qbe = (r: MatchResult, i: number) => r.queries[i] as QueryByExampleExplanation;
const ids = (r: MatchResult, q: number, cq = 0) => qbe(r, q).credentialQueries[cq].matches.map((m) => m.credentialId);

describe('every request vector is read in full', () => {
  it('covers the directory', () => expect(requestFiles.length).toBe(22));

  for (const file of requestFiles) {
    it(file, () => {
      const raw = load(`requests/${file}`);
      const vpr = raw.web?.VerifiablePresentation ?? raw;
      const count = Array.isArray(vpr.query) ? vpr.query.length : 1;
      const normalized = normalizeRequest({ request: raw });
      expect(normalized.queries).toHaveLength(count);
      const result = matchRequest({ request: raw, credentials });
      expect(result.queries.map((q) => q.index)).toEqual([...Array(count).keys()]);
      expect(result.challenge).toBe(vpr.challenge);
      expect(result.domain).toBe(vpr.domain);
      for (const q of result.queries) expect(q.description).toMatch(/\S/);
      expect(result.alternatives.length).toBeGreaterThan(0);
      if (!result.satisfiable) {
        expect(result.alternatives.every((a) => a.blockers.length > 0)).toBe(true);
      }
    });
  }
});

describe('QueryByExample against the vectors', () => {
  it('three queries without groups: every query is matched, all are required', () => {
    const r = run('chapi-io-qbe-three-queries-no-groups-multi-credential.json');
    expect(r.alternatives).toEqual([{ queryIndexes: [0, 1, 2], satisfiable: true, blockers: [] }]);
    expect(ids(r, 0)).toEqual(expect.arrayContaining(['eddsa-rdfc-2022-alumni-signed', 'alumni-unsigned']));
    expect(ids(r, 0)).not.toContain('own-prc');
    expect(ids(r, 1)).toEqual(['own-prc', 'own-prc-no-country', 'own-prc-jcs']);
    expect(ids(r, 2)).toEqual(['own-badge']);
    // the OB vectors are OpenBadgeCredentials with another achievement: reason names the field
    const ob = qbe(r, 2).credentialQueries[0].nonMatches.find((m) => m.credentialId === 'ob3-vc2-eddsa-rdfc-2022-didkey')!;
    expect(ob).toMatchObject({ criterion: 'example', path: 'credentialSubject.achievement.id' });
    expect(ob.message).toContain('https://example.com/achievements/21st-century-skills/teamwork');
    // VC 1.1 example contexts vs VC 2.0 credentials: matched, with a context warning
    const alumni = qbe(r, 0).credentialQueries[0].matches.find((m) => m.credentialId === 'alumni-unsigned')!;
    expect(alumni.warnings).toEqual([
      'It does not use the JSON-LD context https://www.w3.org/2018/credentials/examples/v1, https://contexts.vcplayground.org/examples/alumni/v1.json.',
    ]);
    expect(defaultSelection({ result: r })).toEqual([ids(r, 0)[0], 'own-prc', 'own-badge']);
  });

  it('three queries: one missing credential makes the whole request unsatisfiable and says why', () => {
    const r = matchRequest({
      request: load('requests/chapi-io-qbe-three-queries-no-groups-multi-credential.json'),
      credentials: vectorCredentials(),
    });
    expect(r.satisfiable).toBe(false);
    expect(qbe(r, 0).satisfiable).toBe(true);
    expect(qbe(r, 1).credentialQueries[0].summary).toBe(
      `None of your ${vectorCredentials().length} credentials is a PermanentResidentCard.`,
    );
    expect(r.alternatives[0].blockers).toHaveLength(2);
    expect(r.alternatives[0].blockers[1]).toContain('credentialSubject.achievement.id');
  });

  it('credentialQuery as an object (CHAPI web wrapper) and as an array (exchange message) match alike', () => {
    const asObject = run('chapi-get-web-vp-qbe-credentialQuery-object.json');
    const asArray = matchRequest({
      request: load('messages/chapi-io-exchange-response-vpr-qbe-credentialQuery-array.json'),
      credentials,
    });
    for (const r of [asObject, asArray]) {
      expect(r.satisfiable).toBe(true);
      expect(ids(r, 0)).toEqual(['own-prc', 'own-prc-no-country', 'own-prc-jcs']);
    }
    expect(qbe(asObject, 0).credentialQueries[0].reason).toBe('We need you to prove your eligibility to work.');
    expect(qbe(asArray, 0).credentialQueries[0].reason).toBe('We require proof of residency to onboard you.');
  });

  it('field presence ("") and accepted cryptosuites give distinct reasons', () => {
    const r = run('vcalm-qbe-acceptedCryptosuites-acceptedEnvelopes-subject-field.json');
    const cq = qbe(r, 0).credentialQueries[0];
    expect(cq.matches.map((m) => m.credentialId)).toEqual(['own-prc']);
    const byId = Object.fromEntries(cq.nonMatches.map((m) => [m.credentialId, m]));
    expect(byId['own-prc-no-country']).toMatchObject({
      criterion: 'example',
      path: 'credentialSubject.birthCountry',
      message: 'It has no credentialSubject.birthCountry.',
    });
    expect(byId['own-prc-jcs']).toMatchObject({
      criterion: 'cryptosuite',
      message: 'It is signed with eddsa-jcs-2022; the request accepts eddsa-rdfc-2022, ecdsa-rdfc-2019, bbs-2023, ecdsa-sd-2023.',
    });
    expect(byId['eddsa-rdfc-2022-alumni-signed'].criterion).toBe('type');
    expect(cq.description).toBe(
      'a PermanentResidentCard credential with a credentialSubject.birthCountry, secured with eddsa-rdfc-2022, ecdsa-rdfc-2019, bbs-2023, ecdsa-sd-2023 or enveloped as application/jwt, application/vc+sd-jwt',
    );
  });

  it('acceptedIssuers in {id} and string form; credentialSubject.type', () => {
    const r = run('vcalm-qbe-acceptedIssuers-mixed-forms.json');
    expect(ids(r, 0)).toEqual(['own-example-alumni']);
    const other = matchRequest({
      request: load('requests/vcalm-qbe-acceptedIssuers-mixed-forms.json'),
      credentials: [
        {
          id: 'x',
          credential: { ...own.exampleAlumni.credential, issuer: { id: 'did:web:elsewhere.example' } },
        },
      ],
    });
    expect(qbe(other, 0).credentialQueries[0].nonMatches[0]).toMatchObject({
      criterion: 'issuer',
      message: 'It is issued by did:web:elsewhere.example; the request accepts did:web:authority.example, did:web:different-issuer.example.',
    });
    expect(qbe(other, 0).credentialQueries[0].summary).toBe(
      'Your only credential does not fit. Closest (x): It is issued by did:web:elsewhere.example; the request accepts did:web:authority.example, did:web:different-issuer.example.',
    );
  });

  it('student id: field presence + issuer {id}', () => {
    const r = matchRequest({
      request: load('messages/vcalm-vcapi-exchange-message-with-vpr-student-id.json'),
      credentials,
    });
    expect(ids(r, 0)).toEqual(['own-student-id']);
    const miss = qbe(r, 0).credentialQueries[0].nonMatches.find((m) => m.credentialId === 'own-student-id-other');
    expect(miss?.criterion).toBe('issuer');
    expect(r.challenge).toBe('5e34826e-14da-11f0-98a5-8b1c0a196728');
  });

  it('legacy trustedIssuer required:true filters; the optional credentialQuery does not block; unknown type does', () => {
    const r = run('vpr-spec-qbe-credentialQuery-array-required-trustedIssuer-schema.json');
    const cq = qbe(r, 0).credentialQueries[0];
    expect(cq.required).toBe(false);
    expect(cq.matches).toEqual([]);
    expect(qbe(r, 0).satisfiable).toBe(true);
    expect(r.queries[1]).toMatchObject({ kind: 'unsupported', type: 'AnotherQueryType', satisfiable: false });
    expect(r.unsupported).toEqual([
      { name: 'NotSupportedError', message: 'The request contains a query of unknown type "AnotherQueryType".', queryIndex: 1 },
    ]);
    expect(r.satisfiable).toBe(false);
  });

  it('a QBE without example, only accepted suites: any credential with such a proof', () => {
    const r = matchRequest({
      request: load('messages/vcalm-client-initiated-exchange-vpr-accepted-formats.json'),
      credentials,
    });
    const cq = qbe(r, 0).credentialQueries[0];
    expect(cq.matches.map((m) => m.credentialId)).toContain('eddsa-rdfc-2022-alumni-signed');
    expect(cq.matches.map((m) => m.credentialId)).toContain('own-degree');
    const byId = Object.fromEntries(cq.nonMatches.map((m) => [m.credentialId, m]));
    expect(byId['alumni-unsigned']).toMatchObject({ criterion: 'cryptosuite', message: 'It has no proof.' });
    expect(byId['ed25519signature2020-alumni-signed'].message).toBe(
      'It is signed with Ed25519Signature2020; the request accepts eddsa-rdfc-2022, ecdsa-rdfc-2019, bbs-2023.',
    );
  });

  it('no BusinessRegistrationCredential: says so', () => {
    const r = matchRequest({
      request: load('messages/vcalm-client-requests-server-credentials-vpr.json'),
      credentials: [own.degree],
    });
    expect(r.satisfiable).toBe(false);
    expect(qbe(r, 0).credentialQueries[0].summary).toBe('None of your 1 credential is a BusinessRegistrationCredential.');
    expect(r.alternatives[0].blockers[0]).toBe(
      'Asked for a BusinessRegistrationCredential credential, secured with eddsa-rdfc-2022: None of your 1 credential is a BusinessRegistrationCredential.',
    );
  });

  it('an empty wallet is told so', () => {
    const r = matchRequest({ request: load('requests/chapi-io-qbe-alumni-vc1.json'), credentials: [] });
    expect(qbe(r, 0).credentialQueries[0].summary).toBe('You have no stored credentials.');
  });
});

describe('groups', () => {
  it('VCALM groups are alternatives; queries inside one group all count', () => {
    const r = run('oid4-client-vpr-groups-enveloped-vs-nonenveloped.json', {
      wallet: { cryptosuites: ['ecdsa-rdfc-2019'] },
    });
    expect(r.alternatives.map((a) => [a.group, a.queryIndexes, a.satisfiable])).toEqual([
      ['non-enveloped', [0, 1], true],
      ['enveloped', [2, 3], false],
    ]);
    expect(ids(r, 0)).toEqual(['own-birth-certificate']);
    expect(qbe(r, 2).credentialQueries[0].nonMatches.find((m) => m.credentialId === 'own-birth-certificate')).toMatchObject({
      criterion: 'envelope',
      message: 'The request accepts only enveloped credentials (application/jwt); this one has an embedded proof.',
    });
    expect(r.chosenAlternative).toBe(0);
    expect(r.satisfiable).toBe(true);
    expect(r.didAuth).toMatchObject({ required: true, queryIndexes: [1], canAnswer: true, cryptosuite: 'ecdsa-rdfc-2019' });
  });

  it('the same vector with the default (Ed25519) wallet: both alternatives blocked, with reasons', () => {
    const r = run('oid4-client-vpr-groups-enveloped-vs-nonenveloped.json');
    expect(r.satisfiable).toBe(false);
    expect(r.alternatives[0].blockers).toEqual([
      'The verifier accepts signatures made with ecdsa-rdfc-2019; this wallet signs with eddsa-rdfc-2022, Ed25519Signature2020.',
    ]);
    expect(r.alternatives[1].blockers[1]).toBe(
      'The verifier wants an enveloped presentation (application/jwt); this wallet signs with Data Integrity proofs only.',
    );
  });

  it('OR: the second group is chosen when only it can be answered', () => {
    const request = {
      query: [
        { type: 'QueryByExample', group: 'residency', credentialQuery: { example: { type: 'DriverLicense' } } },
        { type: 'QueryByExample', group: 'student', credentialQuery: { example: { type: 'StudentIdCredential' } } },
        { type: 'DIDAuthentication', acceptedMethods: ['did:key'] },
      ],
      challenge: 'c1',
    };
    const r = matchRequest({ request, credentials });
    expect(r.alternatives.map((a) => [a.group, a.queryIndexes, a.satisfiable])).toEqual([
      ['residency', [0, 2], false],
      ['student', [1, 2], true],
    ]);
    expect(r.chosenAlternative).toBe(1);
    expect(defaultSelection({ result: r })).toEqual(['own-student-id']);
    expect(r.didAuth).toMatchObject({ canAnswer: true, cryptosuite: 'eddsa-rdfc-2022', queryIndexes: [2] });
  });

  it('AND: one group with a missing credential is unsatisfiable', () => {
    const request = {
      query: [
        { type: 'QueryByExample', group: 'g', credentialQuery: { example: { type: 'StudentIdCredential' } } },
        { type: 'QueryByExample', group: 'g', credentialQuery: [{ example: { type: 'DriverLicense' } }] },
      ],
    };
    const r = matchRequest({ request, credentials });
    expect(r.alternatives).toHaveLength(1);
    expect(r.satisfiable).toBe(false);
    expect(r.alternatives[0].blockers).toEqual([
      `Asked for a DriverLicense credential: None of your ${credentials.length} credentials is a DriverLicense.`,
    ]);
  });

  it('skeleton groups from the spec: AND of two, OR of two; DCQL is NotSupportedError', () => {
    const and = run('vcalm-groups-AND-same-group-SKELETON.json');
    expect(and.alternatives.map((a) => a.queryIndexes)).toEqual([[0, 1]]);
    const or = run('vcalm-groups-OR-different-groups-SKELETON.json');
    expect(or.alternatives.map((a) => a.queryIndexes)).toEqual([[0], [1]]);
    expect(or.queries[1]).toMatchObject({ kind: 'unsupported', type: 'DigitalCredentialQueryLanguage' });
    expect(or.queries[0]).toMatchObject({ kind: 'invalid', problem: { name: 'DataError' } });
  });

  it('placeholder group ids from the DCQL conversion are still groups', () => {
    const r = run('oid4-client-vpr-EXPECTED-from-dcql-credential-sets.json', { wallet: { cryptosuites: ['ecdsa-rdfc-2019'] } });
    expect(r.alternatives.map((a) => [a.queryIndexes, a.satisfiable])).toEqual([
      [[0, 2], true],
      [[1, 3], false],
    ]);
  });
});

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

describe('recognised but unsupported, and untrusted garbage', () => {
  it('zcap queries in both namings are NotSupportedError entries', () => {
    for (const file of ['vcalm-zcap-AuthorizationCapabilityQuery.json', 'vpr-spec-zcapquery-ZcapQuery.json']) {
      const r = run(file);
      expect(r.queries[0]).toMatchObject({ kind: 'unsupported', satisfiable: false });
      expect(r.unsupported).toEqual([expect.objectContaining({ name: 'NotSupportedError', queryIndex: 0 })]);
      expect(r.unsupported[0].message).toContain('zcaps');
    }
  });

  it('acceptedIssuers {recognizedIn} is noted, not filtered on', () => {
    const r = matchRequest({
      request: {
        query: {
          type: 'QueryByExample',
          credentialQuery: { example: { type: 'StudentIdCredential' }, acceptedIssuers: [{ recognizedIn: { type: 'X' } }] },
        },
      },
      credentials,
    });
    expect(ids(r, 0)).toEqual(['own-student-id', 'own-student-id-other']);
    expect(r.unsupported).toEqual([expect.objectContaining({ name: 'NotSupportedError', queryIndex: 0 })]);
  });

  it('expired / unverified credentials match with a warning', () => {
    const r = matchRequest({
      request: { query: { type: 'QueryByExample', credentialQuery: { example: { type: 'StudentIdCredential' } } } },
      credentials: [{ ...own.studentId, verification: { verified: false, checks: { validity: 'expired' } } }],
    });
    expect(qbe(r, 0).credentialQueries[0].matches[0].warnings).toEqual(['It did not pass verification.', 'It has expired.']);
  });

  it('malformed queries are entries; malformed requests and arguments throw named errors', () => {
    const r = matchRequest({
      request: { query: ['nope', { type: 'QueryByExample', credentialQuery: [42] }, { type: 'DIDAuthentication' }] },
      credentials: [],
    });
    expect(r.queries.map((q) => q.kind)).toEqual(['invalid', 'invalid', 'DIDAuthentication']);
    expect(r.unsupported.map((u) => u.name)).toEqual(['DataError', 'DataError']);
    expect(r.satisfiable).toBe(false);

    for (const request of ['x', null, {}, { query: [] }, { query: Array(65).fill({ type: 'DIDAuthentication' }) }]) {
      expect(() => matchRequest({ request, credentials: [] })).toThrow(expect.objectContaining({ name: 'DataError' }));
    }
    expect(() => matchRequest({ request: { query: {} }, credentials: 'x' as any })).toThrow(TypeError);
    expect(() => matchRequest({ request: { query: {} }, credentials: [{} as any] })).toThrow(TypeError);
  });

  it('does not modify the request or the credentials', () => {
    const request = load('requests/chapi-io-qbe-three-queries-no-groups-multi-credential.json');
    const before = JSON.stringify([request, credentials]);
    matchRequest({ request, credentials });
    expect(JSON.stringify([request, credentials])).toBe(before);
  });
});
