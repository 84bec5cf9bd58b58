import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRequest } from './match-request';
import { normalizeRequest } from './normalize-request';
import { defaultSelection } from './selection';
import { allOwn, load, own, vectorCredentials, vectors } from './test-fixtures';
import type { StoredCredential } from '../db';
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
    // an OID4VP authorization request is read (utils/query/dcql.test.ts), one with neither query is not
    expect(() => matchRequest({ request: { response_type: 'vp_token', dcql_query: undefined, presentation_definition: undefined }, credentials: [] }))
      .toThrow(expect.objectContaining({ name: 'DataError' }));
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

describe('context for the approval screen', () => {
  it('checks domain against the origin the wallet talks to', () => {
    const request = load('requests/vcalm-oas-didauth-plus-qbe-with-interact-service.json');
    expect(matchRequest({ request, credentials: [], origin: 'https://edu.example' }).domainCheck)
      .toEqual({ origin: 'https://edu.example', matches: true });
    expect(matchRequest({ request, credentials: [], origin: 'https://relay.example' }).domainCheck)
      .toEqual({ origin: 'https://relay.example', matches: false });
    expect(matchRequest({ request, credentials: [] }).domainCheck).toBeUndefined();
  });

  it('warns about expired and not-yet-valid credentials from their dates', () => {
    const request = { query: { type: 'QueryByExample', credentialQuery: { example: { type: 'OpenBadgeCredential' } } } };
    const r = matchRequest({ request, credentials, now: new Date('2026-11-23T00:00:00Z') });
    const warnings = Object.fromEntries(qbe(r, 0).credentialQueries[0].matches.map((m) => [m.credentialId, m.warnings]));
    expect(warnings['ob3-vc2-ed25519signature2020-didkey-EXPIRED']).toEqual(['It has expired.']);
    expect(warnings['ob3-vc2-eddsa-rdfc-2022-didkey-NOTYETVALID']).toEqual(['It is not valid yet.']);
    expect(warnings['ob3-vc2-eddsa-rdfc-2022-didkey']).toEqual([]);
    expect(() => matchRequest({ request, credentials, now: new Date('x') })).toThrow(TypeError);
  });

  it('stored credential records (utils/db) are accepted as they are', () => {
    const stored: StoredCredential = {
      id: 'urn:s', credential: own.studentId.credential, verification: null, addedAt: '2026-01-01T00:00:00Z',
      source: { kind: 'import' }, types: ['VerifiableCredential', 'StudentIdCredential'],
    };
    const r = matchRequest({
      request: { query: { type: 'QueryByExample', credentialQuery: { example: { type: 'StudentIdCredential' } } } },
      credentials: [stored],
    });
    expect(ids(r, 0)).toEqual(['urn:s']);
  });
});
