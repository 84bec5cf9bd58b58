// Lends the wallet's key to a protocol engine for a proof of possession: the engine says what the
// issuer accepts, this picks the key and signs in the background (the private key never leaves).
import { createPresentation, SIGNING_CRYPTOSUITES, signPresentation, type WalletKey } from '../crypto';
import { jwsAlgOf, signJwt } from '../crypto/jwt';
import { namedError } from '../errors';
import type { HolderFor } from '../oid4vci';

/** A HolderFor over the wallet's keys (the first key that fits what the issuer accepts). */
export function holderFromKeys({ keys }: { keys: () => Promise<WalletKey[]> }): HolderFor {
  return async ({ algs, cryptosuites }) => {
    const all = await keys();
    const fits = (key: WalletKey) => {
      if (algs.length) return algs.includes(jwsAlgOf({ key }));
      // utils/crypto signs Data Integrity proofs with Ed25519 keys (eddsa-rdfc-2022, Ed25519Signature2020)
      if (cryptosuites.length) return jwsAlgOf({ key }) === 'EdDSA' && cryptosuites.some((c) => (SIGNING_CRYPTOSUITES as readonly string[]).includes(c));
      return true;
    };
    const key = all.find(fits);
    if (!key) {
      throw namedError({
        name: 'NotSupportedError',
        message: `None of the wallet's keys can sign what the issuer accepts (${[...algs, ...cryptosuites].join(', ').slice(0, 200)}).`,
      });
    }
    return {
      did: key.did,
      verificationMethod: key.verificationMethod,
      alg: jwsAlgOf({ key }),
      signJwt: ({ header, payload }) => signJwt({ key, header, payload }),
      signPresentation: async ({ challenge, domain, cryptosuite }) => (await signPresentation({
        presentation: createPresentation({ holder: key.did }),
        key,
        challenge,
        domain,
        ...(cryptosuite && (SIGNING_CRYPTOSUITES as readonly string[]).includes(cryptosuite) ? { cryptosuite } : {}),
      })) as Record<string, unknown>,
    };
  };
}
