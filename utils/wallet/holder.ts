// Lends the wallet's key to a protocol engine for a proof of possession: the engine says what the
// issuer accepts, this picks the key and signs in the background (the private key never leaves).
import { createPresentation, keyCurveOf, signPresentation, SUITES_BY_CURVE, type WalletKey } from '../crypto';
import { jwsAlgOf, signJwt } from '../crypto/jwt';
import { namedError } from '../errors';
import type { HolderFor } from '../oid4vci';

const suitesOf = (key: WalletKey): readonly string[] => SUITES_BY_CURVE[keyCurveOf({ key })];

/**
 * A HolderFor over the wallet's keys: the first key (the primary comes first) that signs what the
 * issuer accepts — EdDSA / eddsa-rdfc-2022 / Ed25519Signature2020 with the Ed25519 key, ES256 /
 * ecdsa-rdfc-2019 with the P-256 key.
 */
export function holderFromKeys({ keys }: { keys: () => Promise<WalletKey[]> }): HolderFor {
  return async ({ algs, cryptosuites }) => {
    const all = await keys();
    const fits = (key: WalletKey) => {
      if (algs.length) return algs.includes(jwsAlgOf({ key }));
      if (cryptosuites.length) return cryptosuites.some((c) => suitesOf(key).includes(c));
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
        ...(cryptosuite && suitesOf(key).includes(cryptosuite) ? { cryptosuite } : {}),
      })) as Record<string, unknown>,
    };
  };
}
