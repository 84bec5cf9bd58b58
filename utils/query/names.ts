/**
 * Name normalisation for the fields of a presentation request, which real
 * verifiers spell in several ways. Cryptosuite names go through utils/crypto's
 * normalizeCryptosuite, so matching and signing agree on what a name means.
 */
import { normalizeCryptosuite } from '../crypto/cryptosuites';

/** 'ed25519-2020' → 'Ed25519Signature2020', 'eddsa-2022' → 'eddsa-rdfc-2022', … */
export function normalizeCryptosuiteName(name: string): string {
  return normalizeCryptosuite({ name });
}

/** Reads one acceptedCryptosuites entry: 'name', {cryptosuite}, {type} or {name}. */
function suiteEntryName(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') {
    const e = entry as Record<string, unknown>;
    for (const key of ['cryptosuite', 'name', 'type']) {
      if (typeof e[key] === 'string' && e[key] !== 'DataIntegrityProof') return e[key] as string;
    }
  }
  return undefined;
}

/** A list of normalised suite names, or undefined when the field is absent/empty. */
export function readCryptosuites(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const names = list.map(suiteEntryName).filter((n): n is string => !!n && n.trim() !== '');
  return names.length ? [...new Set(names.map(normalizeCryptosuiteName))] : undefined;
}

/** A field given as one entry or a list; each entry a string or an object holding `key`. */
function readEntries(value: unknown, key: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .map((e) => (typeof e === 'string' ? e : e && typeof e === 'object' ? (e as Record<string, unknown>)[key] : undefined))
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map((n) => n.trim());
}

/** acceptedEnvelopes: ['application/jwt'] or [{mediaType: 'application/jwt'}]. */
export function readEnvelopes(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const names = readEntries(value, 'mediaType').map((n) => n.toLowerCase());
  return names.length ? [...new Set(names)] : undefined;
}

/** acceptedMethods: [{method: 'key'}] (VCALM) or ['did:key'] (DCC) → ['key']. */
export function readDidMethods(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return [...new Set(readEntries(value, 'method').map((n) => n.replace(/^did:/i, '').toLowerCase()))];
}

/** The proof suites of a credential: DataIntegrityProof cryptosuites and legacy proof types. */
export function credentialCryptosuites(credential: unknown): string[] {
  if (!credential || typeof credential !== 'object') return [];
  const proof = (credential as Record<string, unknown>).proof;
  const proofs = Array.isArray(proof) ? proof : proof ? [proof] : [];
  const names: string[] = [];
  for (const p of proofs) {
    if (!p || typeof p !== 'object') continue;
    const { type, cryptosuite } = p as Record<string, unknown>;
    if (typeof cryptosuite === 'string') names.push(normalizeCryptosuiteName(cryptosuite));
    else if (typeof type === 'string' && type !== 'DataIntegrityProof') {
      names.push(normalizeCryptosuiteName(type));
    }
  }
  return [...new Set(names)];
}
