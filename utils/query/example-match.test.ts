import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleFromDcqlClaims } from './dcql-claims';
import { matchExample } from './example-match';
import { matchCredentialQuery } from './credential-query';
import { normalizeRequest } from './normalize-request';

const vectors = resolve(import.meta.dirname, '../../testdata/vectors');
const load = (path: string) => JSON.parse(readFileSync(resolve(vectors, path), 'utf8'));

const sets: Record<string, unknown[]> = {
  mock: load('credentials/oid4-client-mock-credentials-UNSIGNED.json'),
  edge: load('credentials/oid4-client-edge-case-credentials-UNSIGNED.json'),
  none: [],
};
const table = load('requests/oid4-client-qbe-match-cases.json') as {
  cases: {
    name: string;
    credentials: string;
    inlineCredentials?: unknown[];
    credentialQuery?: { example: unknown };
    dcqlCredentialQuery?: { claims: unknown };
    expectedCount: number;
    expectedNames?: string[];
  }[];
};

describe('QueryByExample matching: the oid4-client case table', () => {
  it('has the cases', () => expect(table.cases.length).toBeGreaterThan(30));

  for (const c of table.cases) {
    it(c.name, () => {
      const list = c.credentials === 'inline' ? c.inlineCredentials! : sets[c.credentials];
      const credentials = list.map((credential, i) => ({ id: `${c.credentials}-${i}`, credential }));
      const rawQuery = c.dcqlCredentialQuery
        ? { example: exampleFromDcqlClaims({ claims: c.dcqlCredentialQuery.claims }) }
        : c.credentialQuery;
      const { queries } = normalizeRequest({
        request: { query: { type: 'QueryByExample', credentialQuery: rawQuery } },
      });
      const q = queries[0];
      if (q.kind !== 'QueryByExample') throw new Error('not read as QBE');
      const result = matchCredentialQuery({ query: q.credentialQueries[0], credentials });
      expect(result.matches).toHaveLength(c.expectedCount);
      expect(result.matches.length + result.nonMatches.length).toBe(credentials.length);
      if (c.expectedNames) {
        const names = result.matches.map(
          (m) => (credentials.find((x) => x.id === m.credentialId)!.credential as any).credentialSubject.name,
        );
        expect(names).toEqual(c.expectedNames);
      }
      if (c.expectedCount === 0 && credentials.length) {
        expect(result.summary).toMatch(/\S/);
        for (const miss of result.nonMatches) expect(miss.message).toMatch(/\S/);
      }
    });
  }
});

describe('matchExample rules and reasons', () => {
  const prc = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/citizenship/v3'],
    type: ['VerifiableCredential', 'PermanentResidentCard'],
    credentialSubject: { birthCountry: 'Bahamas', nested: { a: { b: 'c' } } },
  };

  it('"" means the field must be present', () => {
    expect(matchExample({ example: { credentialSubject: { birthCountry: '' } }, credential: prc }).ok).toBe(true);
    const miss = matchExample({ example: { credentialSubject: { givenName: '' } }, credential: prc });
    expect(miss).toMatchObject({ ok: false, criterion: 'example', path: 'credentialSubject.givenName' });
    expect((miss as any).message).toBe('It has no credentialSubject.givenName.');
  });

  it('type is contained, every example type required', () => {
    expect(matchExample({ example: { type: 'PermanentResidentCard' }, credential: prc }).ok).toBe(true);
    const r = matchExample({ example: { type: ['PermanentResidentCard', 'Other'] }, credential: prc });
    expect(r).toMatchObject({ ok: false, criterion: 'type' });
    expect((r as any).message).toContain('not Other');
  });

  it('nested objects report the deepest failing path', () => {
    const r = matchExample({
      example: { credentialSubject: { nested: { a: { b: 'x' } } } },
      credential: prc,
    });
    expect(r).toMatchObject({ ok: false, path: 'credentialSubject.nested.a.b' });
    expect((r as any).message).toBe('Its credentialSubject.nested.a.b is "c", but the request asks for "x".');
  });

  it('VC 1.1 and 2.0 base contexts are interchangeable; other contexts warn, or fail when strict', () => {
    const example = { '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/citizenship/v1'] };
    const lenient = matchExample({ example, credential: prc });
    expect(lenient).toEqual({
      ok: true,
      warnings: ['It does not use the JSON-LD context https://w3id.org/citizenship/v1.'],
    });
    expect(matchExample({ example, credential: prc, strictContexts: true })).toMatchObject({
      ok: false,
      criterion: 'context',
    });
    const same = { '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/citizenship/v3'] };
    expect(matchExample({ example: same, credential: prc, strictContexts: true })).toEqual({ ok: true, warnings: [] });
  });

  it('an {id}-only example matches a string with that id (issuer / achievement as IRI)', () => {
    const cred = { issuer: 'did:key:z6Mk1', type: ['VerifiableCredential'] };
    expect(matchExample({ example: { issuer: { id: 'did:key:z6Mk1' } }, credential: cred }).ok).toBe(true);
    expect(matchExample({ example: { issuer: { id: 'did:key:other' } }, credential: cred }).ok).toBe(false);
  });

  it('example keys only read own fields of the credential', () => {
    const example = JSON.parse('{"credentialSubject": {"__proto__": {}, "toString": ""}}');
    expect(matchExample({ example, credential: { credentialSubject: { name: 'x' } } })).toMatchObject({ ok: false });
  });

  it('does not recurse without bound', () => {
    let deep: any = 'x';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    let cred: any = 'x';
    for (let i = 0; i < 100; i++) cred = { d: cred };
    const r = matchExample({ example: { credentialSubject: deep }, credential: { credentialSubject: cred } });
    expect(r).toMatchObject({ ok: false });
    expect((r as any).message).toContain('too deeply');
  });
});

describe('exampleFromDcqlClaims', () => {
  it('builds nested objects/arrays; null step wraps, no values means present', () => {
    expect(
      exampleFromDcqlClaims({
        claims: [
          { path: ['type', null], values: ['X'] },
          { path: ['credentialSubject', 'name'] },
          { path: ['credentialSubject', 'age'], values: [1, 2] },
        ],
      }),
    ).toEqual({ type: ['X'], credentialSubject: { name: '', age: [1, 2] } });
  });
  it('OID4VP DCQL claims become the same example oid4-client expects, and match like it', async () => {
    const { own } = await import('./test-fixtures');
    const authz = load('messages/oid4-client-oid4vp-authz-request-dcql-credential-sets.json');
    const expected = load('requests/oid4-client-vpr-EXPECTED-from-dcql-credential-sets.json');
    const example = exampleFromDcqlClaims({ claims: authz.dcql_query.credentials[0].claims });
    expect(example).toEqual(expected.query[0].credentialQuery.example);
    expect(matchExample({ example, credential: own.birthCertificate.credential })).toEqual({ ok: true, warnings: [] });
    const otherParents = { ...own.birthCertificate.credential, credentialSubject: { ...own.birthCertificate.credential.credentialSubject, newborn: { name: 'B', birthDate: '2024-01-01', parent: [{ name: 'Jane Doe' }] } } };
    expect(matchExample({ example, credential: otherParents })).toMatchObject({ ok: false, path: 'credentialSubject.newborn.parent' });
  });

  it('cannot pollute prototypes through claim paths', () => {
    const example = exampleFromDcqlClaims({
      claims: [
        { path: ['__proto__', 'polluted'], values: ['yes'] },
        { path: ['constructor', 'polluted'], values: ['yes'] },
      ],
    });
    expect(({} as any).polluted).toBeUndefined();
    expect((Object as any).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(example).sort()).toEqual(['__proto__', 'constructor']);
    // and such an example matches only a credential that really has those own fields
    expect(matchExample({ example, credential: { type: ['VerifiableCredential'] } }).ok).toBe(false);
  });

  it('rejects unreadable claims with DataError', () => {
    expect(() => exampleFromDcqlClaims({ claims: [{ path: [{}] }] })).toThrow(
      expect.objectContaining({ name: 'DataError' }),
    );
    expect(() => exampleFromDcqlClaims({ claims: 'x' })).toThrow(TypeError);
  });
});
