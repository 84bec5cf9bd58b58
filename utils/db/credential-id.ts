// Record ids of stored credentials. A credential with an `id` is keyed by its issuer AND that id
// (two issuers may use the same id — a second credential with an id already used by another
// issuer is stored, not refused); one without is keyed by the digest of its canonical JSON.
// Synchronous (@noble/hashes' audited SHA-256), so the schema migration that re-keys old records
// can compute ids inside its upgrade transaction, where no WebCrypto promise may be awaited.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson, isPlainObject } from './errors';

export function issuerId(credential: Record<string, unknown>): string | undefined {
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  return isPlainObject(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
}

const digest = (text: string) => `urn:sha256:${bytesToHex(sha256(new TextEncoder().encode(text)))}`;

/** The record id for a credential (synchronous form of credentialRecordId). */
export function credentialRecordIdSync({ credential }: { credential: unknown }): string {
  if (!isPlainObject(credential)) throw new TypeError('"credential" must be an object.');
  if (typeof credential.id === 'string' && credential.id) {
    return digest(canonicalJson({ id: credential.id, issuer: issuerId(credential) ?? null }));
  }
  return digest(canonicalJson(credential));
}
