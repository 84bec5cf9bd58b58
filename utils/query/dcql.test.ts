import { describe, expect, it } from 'vitest';
import { matchRequest } from './match-request';
import { normalizeRequest } from './normalize-request';
import { allOwn, load, own, vectorCredentials } from './test-fixtures';
import type { MatchResult, QueryByExampleExplanation } from './types';

const credentials = [...vectorCredentials(), ...allOwn()];
const qbe = (r: MatchResult, i: number) => r.queries[i] as QueryByExampleExplanation;
const ids = (r: MatchResult, q: number) => qbe(r, q).credentialQueries[0].matches.map((m) => m.credentialId);
const VC = 'https://www.w3.org/2018/credentials#VerifiableCredential';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential';

const badgeQuery = (extra: Record<string, unknown> = {}) => ({
  response_type: 'vp_token',
  client_id: 'redirect_uri:https://verifier.example/response',
  nonce: 'n-123',
  dcql_query: {
    credentials: [{
      id: 'badge', format: 'ldp_vc', meta: { type_values: [[VC, OB]] },
      claims: [{ path: ['credentialSubject', 'achievement', 'name'] }],
    }],
  },
  ...extra,
});

describe('DCQL in the same engine as VCALM', () => {
  it('reads the oid4-client credential-sets vector into grouped QueryByExample queries keyed by DCQL id', () => {
    const request = load('messages/oid4-client-oid4vp-authz-request-dcql-credential-sets.json');
    const normalized = normalizeRequest({ request });
    expect(normalized.challenge).toBe('1234-challenge');
    expect(normalized.domain).toBe('redirect_uri:https://domain.example');
    const dcqlQueries = normalized.queries.filter((q) => q.dcqlId);
    expect(dcqlQueries.length).toBeGreaterThan(0);
    expect(dcqlQueries.map((q) => q.dcqlId)).toContain(request.dcql_query.credentials[0].id);
    // client_metadata's suites become a DIDAuthentication query that picks the VP's suite
    const didAuth = normalized.queries.find((q) => q.kind === 'DIDAuthentication');
    expect(didAuth && 'acceptedCryptosuites' in didAuth && didAuth.acceptedCryptosuites).toEqual(['ecdsa-rdfc-2019']);
    const r = matchRequest({ request, credentials, wallet: { cryptosuites: ['ecdsa-rdfc-2019'] } });
    expect(r.satisfiable).toBe(true);
    const first = r.queries.findIndex((q) => q.kind === 'QueryByExample');
    expect(ids(r, first)).toEqual([own.birthCertificate.id]);
  });

  it('type_values decide with expanded types (dcql library), and say why a credential does not fit', () => {
    const badge = load('credentials/ob3-vc2-eddsa-rdfc-2022-didkey.json');
    const candidates = [
      { id: 'badge', credential: badge, expandedTypes: [VC, OB] },
      { id: 'alumni', credential: own.exampleAlumni.credential, expandedTypes: [VC, 'https://example.org/ExampleAlumniCredential'] },
    ];
    const r = matchRequest({ request: badgeQuery(), credentials: candidates });
    expect(r.satisfiable).toBe(true);
    expect(r.queries[0].dcqlId).toBe('badge');
    expect(ids(r, 0)).toEqual(['badge']);
    const miss = qbe(r, 0).credentialQueries[0].nonMatches[0];
    expect(miss.credentialId).toBe('alumni');
    expect(miss.message).toMatch(/OpenBadgeCredential/);
    // the same credential with types the library disagrees with is refused by the library
    const wrongIri = matchRequest({ request: badgeQuery(), credentials: [{ id: 'badge', credential: badge, expandedTypes: [VC] }] });
    expect(wrongIri.satisfiable).toBe(false);
    expect(qbe(wrongIri, 0).credentialQueries[0].nonMatches[0].message).toMatch(/DCQL query "badge"/);
  });

  it('reads bedrock\'s {path: ["type"], values: [X]} claim as "the type set contains X"', () => {
    const badgeCredential = load('credentials/ob3-vc2-eddsa-rdfc-2022-didkey.json');
    const request = badgeQuery({
      dcql_query: { credentials: [{ id: 'b', format: 'ldp_vc', meta: { type_values: [[VC]] }, claims: [{ path: ['type'], values: ['OpenBadgeCredential'] }] }] },
    });
    const r = matchRequest({ request, credentials: [{ id: 'badge', credential: badgeCredential, expandedTypes: [VC, OB] }] });
    expect(ids(r, 0)).toEqual(['badge']);
    const other = matchRequest({ request, credentials: [{ id: 'alumni', credential: own.exampleAlumni.credential, expandedTypes: [VC] }] });
    expect(other.satisfiable).toBe(false);
  });

  it('a DCQL query nothing matches is explained in words', () => {
    const request = badgeQuery({
      dcql_query: { credentials: [{ id: 'dl', format: 'ldp_vc', meta: { type_values: [[VC, 'https://example.org/vocab#DriversLicense']] } }] },
    });
    const r = matchRequest({ request, credentials });
    expect(r.satisfiable).toBe(false);
    expect(r.alternatives[0].blockers.join(' ')).toMatch(/DriversLicense/);
    expect(qbe(r, 0).credentialQueries[0].summary).toMatch(/None of your \d+ credentials is a DriversLicense/);
  });

  it('formats the wallet cannot hold are refused by name; an invalid DCQL query is a DataError', () => {
    const request = badgeQuery({ dcql_query: { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: ['urn:pid'] } }] } });
    const r = matchRequest({ request, credentials });
    expect(r.satisfiable).toBe(false);
    expect(r.unsupported[0]).toMatchObject({ name: 'NotSupportedError' });
    expect(r.unsupported[0].message).toMatch(/dc\+sd-jwt/);
    expect(() => matchRequest({ request: badgeQuery({ dcql_query: { credentials: [] } }), credentials }))
      .toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(() => matchRequest({ request: badgeQuery({ dcql_query: '{nope' }), credentials }))
      .toThrow(expect.objectContaining({ name: 'DataError' }));
  });

  it('credential_sets: each combination of options is an alternative', () => {
    const request = badgeQuery({
      dcql_query: {
        credentials: [
          { id: 'a', format: 'ldp_vc', meta: { type_values: [[VC, 'https://example.org/#ExampleAlumniCredential']] } },
          { id: 'b', format: 'ldp_vc', meta: { type_values: [[VC, 'https://example.org/#NoSuchCredential']] } },
        ],
        credential_sets: [{ options: [['b'], ['a']], purpose: 'Show you studied here' }],
      },
    });
    const r = matchRequest({ request, credentials });
    expect(r.alternatives).toHaveLength(2);
    expect(r.alternatives[0].satisfiable).toBe(false);
    expect(r.alternatives[1].satisfiable).toBe(true);
    expect(r.chosenAlternative).toBe(1);
    expect(qbe(r, 1).credentialQueries[0].reason).toBe('Show you studied here');
  });

  it('a DigitalCredentialQueryLanguage query inside a VCALM request is answered by the same engine', () => {
    const request = {
      challenge: 'c', domain: 'https://verifier.example',
      query: [
        { type: 'DigitalCredentialQueryLanguage', credentialQuery: badgeQuery().dcql_query },
        { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] },
      ],
    };
    const normalized = normalizeRequest({ request });
    expect(normalized.queries.map((q) => [q.index, q.kind, q.dcqlId])).toEqual([
      [0, 'QueryByExample', 'badge'], [1, 'DIDAuthentication', undefined],
    ]);
    const r = matchRequest({ request, credentials });
    expect(ids(r, 0)).toContain('ob3-vc2-eddsa-rdfc-2022-didkey');
    expect(ids(r, 0)).not.toContain(own.exampleAlumni.id);
  });
});

describe('Presentation Exchange (drafts) through the same engine', () => {
  it('reads the VCALM OID4VP vector (presentation_definition) and matches a name credential', () => {
    const request = load('messages/vcalm-oid4vp-authorization-request.json');
    const normalized = normalizeRequest({ request });
    expect(normalized.challenge).toBe(request.nonce);
    expect(normalized.domain).toBe(request.client_id);
    expect(normalized.queries.map((q) => q.type)).toEqual(['PresentationExchange', 'DIDAuthentication']);
    const withName = {
      id: 'named', credential: {
        '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'],
        issuer: 'did:key:z6Mk', credentialSubject: { name: 'Ada' },
      },
    };
    const r = matchRequest({ request, credentials: [withName] });
    expect(ids(r, 0)).toEqual(['named']);
    expect(r.didAuth?.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it('an unreadable presentation definition is a DataError', () => {
    expect(() => matchRequest({ request: { response_type: 'vp_token', presentation_definition: { id: 'x' } }, credentials }))
      .toThrow(expect.objectContaining({ name: 'DataError' }));
  });
});
