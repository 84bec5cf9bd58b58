// P-256 did:keys (the wallet's second holder key): WebCrypto non-extractable and exportable
// (CLI) keys, ecdsa-rdfc-2019 presentations, ES256 JWTs, key JSON, and the key ↔ suite pairing.
import { describe, expect, it } from 'vitest';
import { checkKeyPair, createPresentation, generateDidKey, keyCurveOf, keyFromJson, keyToJson, signPresentation, verifyPresentation, type WalletKey } from './index';
import { signJwt, verifyDidKeyJwt, jwsAlgOf } from './jwt';

describe('P-256 did:keys', () => {
  for (const extractable of [false, true]) {
    it(`${extractable ? 'an exportable' : 'a non-extractable WebCrypto'} key signs ecdsa-rdfc-2019 presentations and ES256 JWTs that verify`, async () => {
      const key = await generateDidKey({ curve: 'P-256', extractable, wrappable: !extractable });
      expect(key.did).toMatch(/^did:key:zDna/);
      expect(keyCurveOf({ key })).toBe('P-256');
      expect(jwsAlgOf({ key })).toBe('ES256');
      expect(extractable ? typeof key.secretKeyMultibase : key.privateKey?.algorithm.name).toBe(extractable ? 'string' : 'ECDSA');
      await checkKeyPair({ key });
      const vp = await signPresentation({ presentation: createPresentation({ holder: key.did }), key, challenge: 'n-1', domain: 'https://v.example' });
      expect(vp.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019', verificationMethod: key.verificationMethod });
      expect((await verifyPresentation({ presentation: vp, challenge: 'n-1', domain: 'https://v.example' } as never)).verified).toBe(true);
      expect((await verifyPresentation({ presentation: vp, challenge: 'n-2', domain: 'https://v.example' } as never)).verified).toBe(false);
      const jwt = await signJwt({ key, header: { typ: 'openid4vci-proof+jwt' }, payload: { nonce: 'n' } });
      await expect(verifyDidKeyJwt({ jwt })).resolves.toMatchObject({ did: key.did, header: { alg: 'ES256' } });
    });
  }

  it('an exportable key round-trips through key JSON; a secret key of another key is refused by name', async () => {
    const key = await generateDidKey({ curve: 'P-256', extractable: true });
    expect((await keyFromJson({ json: keyToJson({ key }) })).did).toBe(key.did);
    const other = await generateDidKey({ curve: 'P-256', extractable: true });
    await expect(keyFromJson({ json: { ...keyToJson({ key }), secretKeyMultibase: other.secretKeyMultibase } })).rejects.toMatchObject({ name: 'DataError' });
    const swapped: WalletKey = { ...other, did: key.did, verificationMethod: key.verificationMethod, publicKeyMultibase: key.publicKeyMultibase };
    await expect(checkKeyPair({ key: swapped })).rejects.toMatchObject({ name: 'DataError' });
  });

  it('a key signs only its own suites: NotSupportedError naming what it signs', async () => {
    const p256 = await generateDidKey({ curve: 'P-256' });
    const ed = await generateDidKey();
    await expect(signPresentation({ presentation: createPresentation({ holder: p256.did }), key: p256, challenge: 'c', cryptosuite: 'eddsa-rdfc-2022' }))
      .rejects.toMatchObject({ name: 'NotSupportedError', message: expect.stringContaining('ecdsa-rdfc-2019') });
    await expect(signPresentation({ presentation: createPresentation({ holder: ed.did }), key: ed, challenge: 'c', cryptosuite: 'ecdsa-rdfc-2019' }))
      .rejects.toMatchObject({ name: 'NotSupportedError' });
    expect((await signPresentation({ presentation: createPresentation({ holder: ed.did }), key: ed, challenge: 'c' })).proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
  });
});
