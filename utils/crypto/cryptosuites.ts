import { namedError } from './errors';
import type { KeyCurve } from './keys';

export type SigningCryptosuite = 'eddsa-rdfc-2022' | 'Ed25519Signature2020' | 'ecdsa-rdfc-2019';

/** Suites the wallet's primary (Ed25519) key signs with, in order of preference. */
export const SIGNING_CRYPTOSUITES: readonly SigningCryptosuite[] = ['eddsa-rdfc-2022', 'Ed25519Signature2020'];

/** Suites each kind of key signs with: Ed25519 as above, the second holder key (P-256) ecdsa-rdfc-2019. */
export const SUITES_BY_CURVE: Readonly<Record<KeyCurve, readonly SigningCryptosuite[]>> = {
  Ed25519: SIGNING_CRYPTOSUITES,
  'P-256': ['ecdsa-rdfc-2019'],
};

/** Everything a wallet holding both keys can sign with, Ed25519's first. */
export const WALLET_CRYPTOSUITES: readonly SigningCryptosuite[] = [...SUITES_BY_CURVE.Ed25519, ...SUITES_BY_CURVE['P-256']];

const ALIASES: Record<string, string> = {
  'eddsa-rdfc-2022': 'eddsa-rdfc-2022',
  'eddsa-2022': 'eddsa-rdfc-2022',
  'ed25519signature2020': 'Ed25519Signature2020',
  'ed25519-signature-2020': 'Ed25519Signature2020',
  'ed25519-2020': 'Ed25519Signature2020',
  'ed25519signature-2020': 'Ed25519Signature2020',
  'ecdsa-rdfc-2019': 'ecdsa-rdfc-2019',
  'ecdsa-2019': 'ecdsa-rdfc-2019',
  'eddsa-jcs-2022': 'eddsa-jcs-2022',
  'ecdsa-jcs-2019': 'ecdsa-jcs-2019',
  'ecdsa-sd-2023': 'ecdsa-sd-2023',
  'bbs-2023': 'bbs-2023',
};

/**
 * Canonical name for a cryptosuite as written in the wild. Unknown names come
 * back trimmed but otherwise unchanged.
 */
export function normalizeCryptosuite({ name }: { name: string }): string {
  if (typeof name !== 'string') throw new TypeError('"name" must be a string.');
  const trimmed = name.trim();
  return ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

/** Names out of any `acceptedCryptosuites` shape: strings, `{cryptosuite}`, `{type}`, `{name}`. */
export function acceptedCryptosuiteNames({ accepted }: { accepted: unknown }): string[] {
  const list = Array.isArray(accepted) ? accepted : accepted === undefined || accepted === null ? [] : [accepted];
  const names: string[] = [];
  for (const entry of list) {
    let name: unknown = entry;
    if (entry && typeof entry === 'object') {
      const e = entry as Record<string, unknown>;
      name = e.cryptosuite ?? e.name ?? e.type;
    }
    if (typeof name === 'string' && name.trim()) names.push(normalizeCryptosuite({ name }));
  }
  return names;
}

/**
 * The suite to sign with for a VPR's `acceptedCryptosuites`. Nothing given →
 * eddsa-rdfc-2022. The request's order of preference wins among suites we can
 * sign with; NotSupportedError when there is no overlap.
 */
export function pickCryptosuite({ accepted, available = SIGNING_CRYPTOSUITES }: {
  accepted?: unknown;
  /** The suites the signing key can make (default: the Ed25519 key's). */
  available?: readonly SigningCryptosuite[];
} = {}): SigningCryptosuite {
  if (accepted === undefined || accepted === null) return available[0];
  const names = acceptedCryptosuiteNames({ accepted });
  if (names.length === 0 && Array.isArray(accepted) && accepted.length === 0) return available[0];
  const match = names.find((n): n is SigningCryptosuite => (available as readonly string[]).includes(n));
  if (!match) {
    throw namedError({
      name: 'NotSupportedError',
      message:
        `None of the accepted cryptosuites (${names.join(', ') || 'none readable'}) can be used; ` +
        `this key signs with ${available.join(' or ')}.`,
    });
  }
  return match;
}
