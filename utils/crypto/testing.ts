// Shared by the tests of this folder only.
import { generateDidKey, type WalletKey } from './keys';

export const CHALLENGE = 'd2b4f1c0-6d3b-4f7e-9a59-1f0b2c3d4e5f';
export const DOMAIN = 'https://issuer.example';

/** A wallet key (non-extractable WebCrypto), a server key (multibase) and a stranger's key. */
export async function testKeys(): Promise<{ walletKey: WalletKey; serverKey: WalletKey; otherKey: WalletKey }> {
  const [walletKey, serverKey, otherKey] = await Promise.all([
    generateDidKey(),
    generateDidKey({ extractable: true }),
    generateDidKey({ extractable: true }),
  ]);
  return { walletKey, serverKey, otherKey };
}

export function productCredential(issuer?: string): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    ...(issuer ? { issuer } : {}),
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:product-1', name: 'Walnut chair' },
  };
}
