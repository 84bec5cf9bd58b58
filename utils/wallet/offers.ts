// Credentials a server offers: pulled out of the VPs, each verified (proof, issuer key,
// validity dates) before anyone is asked to keep it.
import { verifyCredential as defaultVerify, type CredentialVerification } from '../crypto';
import { credentialRecordId } from '../db';
import { checkValidity } from '../crypto/validity';
import type { CredentialVerificationView } from '../messaging';
import type { OfferedCredential } from './records';
import { summarizeCredential } from './summary';
import { namedError } from '../errors';

export type VerifyCredential = (options: { credential: unknown; now?: Date }) => Promise<CredentialVerification>;

const MAX_OFFERED = 50;

/**
 * Every credential in the offered VPs (a VP's verifiableCredential is an object or an array).
 * More than MAX_OFFERED is a DataError: the user is never shown a silently shortened list.
 */
export function credentialsInPresentations({ presentations }: { presentations: unknown[] }): unknown[] {
  const out: unknown[] = [];
  for (const vp of presentations) {
    if (!vp || typeof vp !== 'object') continue;
    const vcs = (vp as Record<string, unknown>).verifiableCredential;
    for (const vc of Array.isArray(vcs) ? vcs : vcs === undefined ? [] : [vcs]) out.push(vc);
  }
  if (out.length > MAX_OFFERED) {
    throw namedError({
      name: 'DataError',
      message: `${out.length} credentials were offered at once; at most ${MAX_OFFERED} are accepted, so none were taken.`,
    });
  }
  return out;
}

/**
 * Policy: a credential whose proof and issuer verify is storable. An expired (or not yet valid)
 * one is storable too, with its warning shown and left unticked by default — refusing it would
 * lose a genuine credential. Anything with a bad proof, issuer or shape is named with the
 * reason and cannot be stored.
 */
/** The view of a saved verification result. */
export function verificationView({ result, checkedAt, statusChecked = false }: {
  result: CredentialVerification;
  checkedAt: string;
  /** The status was checked separately: drop the verifier's "not checked" warning. */
  statusChecked?: boolean;
}): CredentialVerificationView {
  return {
    verified: result.verified,
    validity: result.checks.validity,
    errors: result.errors.map((e) => ({ name: e.name, message: e.message })),
    warnings: result.warnings.filter((w) => !(statusChecked && w.startsWith('credentialStatus'))),
    checkedAt,
  };
}

export async function verifyOffer({ credential, verify = defaultVerify, now = new Date() }: {
  credential: unknown;
  verify?: VerifyCredential;
  now?: Date;
}): Promise<OfferedCredential> {
  const isObject = !!credential && typeof credential === 'object' && !Array.isArray(credential);
  const result = await verify({ credential, now });
  const dateErrors = isObject
    ? new Set(checkValidity({ credential: credential as Record<string, unknown>, now }).errors.map((e) => e.message))
    : new Set<string>();
  const blocking = result.errors.filter((e) => !dateErrors.has(e.message));
  const storable = isObject && result.checks.proof && result.checks.issuer && blocking.length === 0;
  const verification = verificationView({ result, checkedAt: now.toISOString() });
  if (storable && result.checks.validity === 'expired') verification.warnings.unshift('This credential has expired.');
  if (storable && result.checks.validity === 'not-yet-valid') verification.warnings.unshift('This credential is not valid yet.');
  const doc = isObject ? (credential as Record<string, unknown>) : { value: credential };
  return {
    recordId: await credentialRecordId({ credential: doc }),
    credential: doc,
    summary: summarizeCredential({ credential }),
    result,
    verification,
    storable,
    ...(storable
      ? {}
      : { problem: `Not stored: ${blocking.map((e) => e.message).join(' ') || 'verification failed.'}` }),
  };
}
