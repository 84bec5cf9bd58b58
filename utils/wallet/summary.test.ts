import { expect, test } from 'vitest';
import { summarizeCredential } from './summary';

test('VC 2.0 with name, issuer object and dates', () => {
  expect(
    summarizeCredential({
      credential: {
        type: ['VerifiableCredential', 'ProductAuthenticityCredential'],
        name: 'Product authenticity',
        issuer: { id: 'did:key:z6Mk1', name: { '@value': 'ACME' } },
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2027-01-01T00:00:00Z',
        credentialSubject: { id: 'did:key:z6Mk2' },
      },
    }),
  ).toEqual({
    name: 'Product authenticity',
    types: ['VerifiableCredential', 'ProductAuthenticityCredential'],
    issuer: { id: 'did:key:z6Mk1', name: 'ACME' },
    subjectId: 'did:key:z6Mk2',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
  });
});

test('VC 1.1 dates, string issuer, OB achievement name, and a type-derived fallback', () => {
  const ob = summarizeCredential({
    credential: {
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: 'did:key:z6Mk3',
      issuanceDate: '2020-01-01T00:00:00Z',
      expirationDate: '2030-01-01T00:00:00Z',
      credentialSubject: { achievement: { name: 'Badge' } },
    },
  });
  expect(ob).toMatchObject({ name: 'Badge', issuer: { id: 'did:key:z6Mk3' }, validFrom: '2020-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' });
  expect(summarizeCredential({ credential: { type: ['VerifiableCredential', 'AlumniCredential'] } }).name).toBe('Alumni Credential');
  expect(summarizeCredential({ credential: null })).toMatchObject({ name: 'Credential', types: ['VerifiableCredential'] });
});
