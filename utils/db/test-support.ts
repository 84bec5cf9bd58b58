import { openWalletDb, type WalletDb } from './open';

/** A fresh database per test (fake-indexeddb keeps one global factory per process). */
export async function freshDb(): Promise<WalletDb> {
  return openWalletDb({ name: `test-${globalThis.crypto.randomUUID()}` });
}

export const credentialDoc = (id: string | undefined, type: string, issuer: unknown = 'did:key:z6MkIssuer') => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  ...(id ? { id } : {}),
  type: ['VerifiableCredential', type],
  issuer,
  credentialSubject: { id: 'did:key:z6MkHolder', name: type },
});

export const verified = {
  verified: true,
  issuer: 'did:key:z6MkIssuer',
  checks: { proof: true, issuer: true, validity: 'valid' as const },
  cryptosuites: ['eddsa-rdfc-2022'],
  errors: [],
  warnings: [],
};
