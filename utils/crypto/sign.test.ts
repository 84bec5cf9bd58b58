// signPresentation / createPresentation, checked with verifyPresentation.
import { beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, signPresentation, verifyPresentation, type WalletKey } from './index';
import { CHALLENGE, DOMAIN, testKeys } from './testing';

let walletKey: WalletKey; // non-extractable WebCrypto
let serverKey: WalletKey; // extractable multibase
let otherKey: WalletKey;

beforeAll(async () => {
  ({ walletKey, serverKey, otherKey } = await testKeys());
});

describe('signPresentation → verifyPresentation round trips', () => {
  for (const cryptosuite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
    for (const which of ['wallet (CryptoKey)', 'server (multibase)'] as const) {
      it(`${cryptosuite}, ${which} key`, async () => {
        const key = which === 'server (multibase)' ? serverKey : walletKey;
        const vp = await signPresentation({
          presentation: createPresentation({ holder: key.did }),
          key,
          challenge: CHALLENGE,
          domain: DOMAIN,
          cryptosuite,
        });
        const proof = vp.proof as Record<string, unknown>;
        expect(proof.proofPurpose).toBe('authentication');
        expect(proof.verificationMethod).toBe(key.verificationMethod);
        expect(proof.challenge).toBe(CHALLENGE);
        expect(proof.domain).toBe(DOMAIN);
        if (cryptosuite === 'eddsa-rdfc-2022') expect(proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite });
        else expect(proof.type).toBe('Ed25519Signature2020');

        const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
        expect(result).toEqual({
          verified: true,
          holder: key.did,
          signer: key.did,
          challenge: CHALLENGE,
          domain: DOMAIN,
          errors: [],
          credentialResults: [],
        });
      });
    }
  }

  it('accepts the suite aliases a VPR uses, and refuses ones we cannot sign', async () => {
    const presentation = createPresentation({ holder: walletKey.did });
    const vp = await signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, cryptosuite: 'ed25519-2020' });
    expect((vp.proof as Record<string, unknown>).type).toBe('Ed25519Signature2020');
    await expect(
      signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, cryptosuite: 'ecdsa-rdfc-2019' }),
    ).rejects.toMatchObject({ name: 'NotSupportedError' });
  });

  it('verifies without a domain when none was signed or expected', async () => {
    const vp = await signPresentation({ presentation: createPresentation({ holder: walletKey.did }), key: walletKey, challenge: CHALLENGE });
    expect((vp.proof as Record<string, unknown>).domain).toBeUndefined();
    expect((await verifyPresentation({ presentation: vp, challenge: CHALLENGE })).verified).toBe(true);
    const expectingDomain = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(expectingDomain.verified).toBe(false);
    expect(expectingDomain.errors[0]).toMatchObject({ name: 'DataError', message: expect.stringContaining('domain') });
  });

  it('does not modify its input', async () => {
    const presentation = createPresentation({ holder: walletKey.did });
    const before = JSON.stringify(presentation);
    await signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, domain: DOMAIN });
    expect(JSON.stringify(presentation)).toBe(before);
  });

  it('refuses to sign for another holder, or to sign twice', async () => {
    await expect(
      signPresentation({ presentation: createPresentation({ holder: otherKey.did }), key: walletKey, challenge: CHALLENGE }),
    ).rejects.toMatchObject({ name: 'DataError' });
    const signed = await signPresentation({ presentation: createPresentation({ holder: walletKey.did }), key: walletKey, challenge: CHALLENGE });
    await expect(signPresentation({ presentation: signed, key: walletKey, challenge: CHALLENGE })).rejects.toMatchObject({ name: 'DataError' });
  });

  it('rejects bad arguments with TypeErrors', async () => {
    const presentation = createPresentation({ holder: walletKey.did });
    await expect(signPresentation({ presentation, key: walletKey, challenge: '' })).rejects.toThrow(TypeError);
    await expect(signPresentation({ presentation, key: {} as WalletKey, challenge: CHALLENGE })).rejects.toThrow(TypeError);
    await expect(signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, domain: '' })).rejects.toThrow(TypeError);
    expect(() => createPresentation({ holder: '' })).toThrow(TypeError);
    await expect(verifyPresentation({ presentation: {}, challenge: '' })).rejects.toThrow(TypeError);
  });
});
