import { describe, expect, it } from 'vitest';
import { createSigner, generateDidKey, issueCredential, keyToJson, verifyCredential } from '../utils/crypto';
import { withSigningKey } from './brand-key';

describe('withSigningKey', () => {
  it('imports the Ed25519 secret once: same signatures, credentials verify, the key stays exportable', async () => {
    const key = await generateDidKey({ extractable: true });
    const imported = await withSigningKey(key);
    expect(imported.privateKey).toBeDefined();
    expect(imported.privateKey!.extractable).toBe(false);
    expect(keyToJson({ key: imported })).toEqual(keyToJson({ key }));
    const data = new TextEncoder().encode('probe');
    const [a, b] = await Promise.all([imported, key].map(async (k) => (await createSigner({ key: k })).sign({ data })));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const credential = await issueCredential({
      key: imported,
      credential: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: key.did,
        credentialSubject: { id: 'did:example:holder' },
      },
    });
    expect((await verifyCredential({ credential })).verified).toBe(true);
  });

  it('leaves a key without a multibase secret as it is', async () => {
    const walletKey = await generateDidKey();
    expect(await withSigningKey(walletKey)).toBe(walletKey);
  });
});
