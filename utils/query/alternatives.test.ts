import { describe, expect, it } from 'vitest';
import { matchRequest } from './match-request';
import { defaultSelection } from './selection';
import { allOwn, load, vectorCredentials } from './test-fixtures';
import type { MatchResult, QueryByExampleExplanation } from './types';

const credentials = [...vectorCredentials(), ...allOwn()];
const run = (file: string, extra: Partial<Parameters<typeof matchRequest>[0]> = {}) =>
  matchRequest({ request: load(`requests/${file}`), credentials, ...extra });
const qbe = (r: MatchResult, i: number) => r.queries[i] as QueryByExampleExplanation;
const ids = (r: MatchResult, q: number, cq = 0) => qbe(r, q).credentialQueries[cq].matches.map((m) => m.credentialId);

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

  it('skeleton groups from the spec: AND of two, OR of two; a DCQL query with no DCQL in it is a DataError', () => {
    const and = run('vcalm-groups-AND-same-group-SKELETON.json');
    expect(and.alternatives.map((a) => a.queryIndexes)).toEqual([[0, 1]]);
    const or = run('vcalm-groups-OR-different-groups-SKELETON.json');
    expect(or.alternatives.map((a) => a.queryIndexes)).toEqual([[0], [1]]);
    expect(or.queries[1]).toMatchObject({ kind: 'invalid', type: 'DigitalCredentialQueryLanguage', problem: { name: 'DataError' } });
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

