import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { StoredCredential } from '../db';
import { buildPresentApproval } from './request-view';

const request = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../testdata/vectors/requests', name), 'utf8'));

const stored = (id: string, credential: Record<string, unknown>): StoredCredential => ({
  id,
  credential,
  verification: null,
  addedAt: '2026-01-01T00:00:00Z',
  source: { kind: 'import' },
  types: [],
});

const alumni = (issuer: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  type: ['VerifiableCredential', 'ExampleAlumniCredential'],
  issuer,
  credentialSubject: { id: 'did:key:z6MkHolder', type: 'Alumni' },
});

const requester = { exchangeOrigin: 'https://verifier.example', source: 'paste' as const };
const did = 'did:key:z6MkWallet';

describe('buildPresentApproval', () => {
  test('a QueryByExample: the fitting credential to choose, the other with its reason, the request\'s reason', () => {
    const { view } = buildPresentApproval({
      request: request('vcalm-qbe-acceptedIssuers-mixed-forms.json'),
      credentials: [stored('good', alumni('did:web:authority.example')), stored('other', alumni('did:web:stranger.example'))],
      did,
      requester,
      domainMatchesOrigin: false,
    });
    expect(view.reason).toBe('We need to know if you are an alumni of this school.');
    const [query] = view.queries!;
    expect(query).toMatchObject({ key: '0.0', type: 'QueryByExample', required: true });
    expect(query.candidates.find((c) => c.credentialId === 'good')).toMatchObject({ fits: true });
    const other = query.candidates.find((c) => c.credentialId === 'other')!;
    expect(other.fits).toBe(false);
    expect(other.reasons.join(' ')).toMatch(/issuer/i);
    expect(view.blockers).toBeUndefined();
    // domain "reunion.example" is not where the wallet talks
    expect(view.domainWarning).toMatch(/reunion\.example.*https:\/\/verifier\.example/);
    expect(view).toMatchObject({ holderDid: did, challenge: '3182bdea-63d9-11ea-b6de-3b7c1404d57f', domain: 'reunion.example' });
  });

  test('nothing fits: says why and blocks approval (decline still possible)', () => {
    const { view } = buildPresentApproval({
      request: request('vcalm-qbe-acceptedIssuers-mixed-forms.json'),
      credentials: [],
      did,
      requester,
    });
    expect(view.queries![0].noMatch).toBeTruthy();
    expect(view.blockers?.length).toBeGreaterThan(0);
  });

  test('every query is read, DID authentication picks a suite the verifier accepts', () => {
    const { view } = buildPresentApproval({
      request: request('vcalm-oas-didauth-plus-qbe-with-interact-service.json'),
      credentials: [],
      did,
      requester,
    });
    expect(view.queries!.map((q) => q.type).sort()).toEqual(['DIDAuthentication', 'QueryByExample']);
  });

  test('a request without a challenge cannot be signed', () => {
    const { view } = buildPresentApproval({
      request: request('vcalm-workflow-didauth-query-as-object-nonstandard-suite-name.json'),
      credentials: [],
      did,
      requester,
    });
    expect(view.blockers?.join(' ')).toMatch(/no challenge/);
  });

  test('garbage is a blocker, not a crash', () => {
    const { view } = buildPresentApproval({ request: { query: 'nonsense' } as never, credentials: [], did, requester });
    expect(view.blockers?.length).toBeGreaterThan(0);
  });
});
