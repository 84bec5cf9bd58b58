import { SIGNING_CRYPTOSUITES } from '../crypto/cryptosuites';
import type { Problem } from './errors';
import type { NormalizedQuery } from './normalize-request';
import type { DidAuthExplanation, WalletCapabilities } from './types';

export const DEFAULT_WALLET: Required<Omit<WalletCapabilities, 'did'>> = {
  didMethods: ['key'],
  cryptosuites: [...SIGNING_CRYPTOSUITES],
};

type DidAuthQuery = Extract<NormalizedQuery, { kind: 'DIDAuthentication' }>;

/** The suite to sign with: the verifier's first accepted suite the wallet has. */
export function chooseSuite({
  accepted,
  available,
}: {
  accepted: string[];
  available: string[];
}): string | undefined {
  if (!accepted.length) return available[0];
  return accepted.find((s) => available.includes(s));
}

/** Can the wallet answer this DIDAuthentication query, and how? */
export function explainDidAuth({
  query,
  wallet = {},
}: {
  query: DidAuthQuery;
  wallet?: WalletCapabilities;
}): DidAuthExplanation {
  const methods = wallet.didMethods ?? DEFAULT_WALLET.didMethods;
  const suites = wallet.cryptosuites ?? DEFAULT_WALLET.cryptosuites;
  const { acceptedMethods, acceptedCryptosuites, acceptedEnvelopes } = query;
  let problem: Problem | undefined;
  let cryptosuite: string | undefined;
  if (acceptedMethods.length && !acceptedMethods.some((m) => methods.includes(m))) {
    problem = {
      name: 'NotSupportedError',
      message: `The verifier accepts only ${acceptedMethods.map((m) => `did:${m}`).join(', ')}; this wallet has ${methods.map((m) => `did:${m}`).join(', ')}.`,
    };
  } else if (!acceptedCryptosuites.length && acceptedEnvelopes.length) {
    problem = {
      name: 'NotSupportedError',
      message: `The verifier wants an enveloped presentation (${acceptedEnvelopes.join(', ')}); this wallet signs with Data Integrity proofs only.`,
    };
  } else {
    cryptosuite = chooseSuite({ accepted: acceptedCryptosuites, available: suites });
    if (!cryptosuite) {
      problem = {
        name: 'NotSupportedError',
        message: `The verifier accepts signatures made with ${acceptedCryptosuites.join(', ')}; this wallet signs with ${suites.join(', ')}.`,
      };
    }
  }
  const canAnswer = !problem;
  const methodText = acceptedMethods.length
    ? acceptedMethods.map((m) => `did:${m}`).join(' or ')
    : 'any method';
  let description = `Prove that you control a DID (${methodText})`;
  if (acceptedCryptosuites.length) description += ` with a ${acceptedCryptosuites.join(' or ')} signature`;
  if (wallet.did && canAnswer) description += `; ${wallet.did} will sign`;
  if (!query.required) description += ' (optional)';
  return {
    kind: 'DIDAuthentication',
    index: query.index,
    type: query.type,
    group: query.group,
    required: query.required,
    satisfiable: canAnswer || !query.required,
    description,
    acceptedMethods,
    acceptedCryptosuites,
    acceptedEnvelopes,
    canAnswer,
    cryptosuite,
    problem,
  };
}
