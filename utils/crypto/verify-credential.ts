import jsigs from 'jsonld-signatures';
import { checkJson } from '../json-bounds';
import { type DocumentLoader, documentLoader as defaultLoader } from './document-loader';
import type { ErrorSummary } from './errors';
import { normalizeCryptosuite } from './cryptosuites';
import { checkValidity, toDate, type Validity } from './validity';
import { verifyProofs } from './verify-proofs';

export interface CredentialVerification {
  verified: boolean;
  issuer?: string;
  checks: { proof: boolean; issuer: boolean; validity: Validity };
  cryptosuites: string[];
  errors: ErrorSummary[];
  warnings: string[];
}

const { AssertionProofPurpose } = jsigs.purposes;

export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
    return (value as { id: string }).id;
  }
  return undefined;
}

function typesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Verifies a credential's proofs (every one must hold), that the issuer controls
 * each signing key, and its validity dates against `now`. Never throws for a bad
 * credential: the answer is in the result.
 */
export async function verifyCredential({
  credential,
  now,
  documentLoader = defaultLoader,
}: {
  credential: unknown;
  now?: Date | string | number;
  documentLoader?: DocumentLoader;
}): Promise<CredentialVerification> {
  const at = toDate({ now });
  if (typeof documentLoader !== 'function') throw new TypeError('"documentLoader" must be a function.');
  const result: CredentialVerification = {
    verified: false,
    checks: { proof: false, issuer: false, validity: 'valid' },
    cryptosuites: [],
    errors: [],
    warnings: [],
  };
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    result.errors.push({ name: 'DataError', message: 'The credential must be a JSON object.' });
    return result;
  }
  try {
    // before anything reads it: what is shown and stored must be exactly what was signed
    checkJson({ value: credential, what: 'The credential' });
  } catch (error) {
    result.errors.push({ name: 'DataError', message: (error as Error).message });
    return result;
  }
  const vc = credential as Record<string, unknown>;
  if (typesOf(vc.type).includes('EnvelopedVerifiableCredential')) {
    result.errors.push({
      name: 'NotSupportedError',
      message: 'Enveloped credentials (VC-JOSE/COSE, SD-JWT) are not supported; only embedded Data Integrity proofs are.',
    });
    return result;
  }
  if (!typesOf(vc.type).includes('VerifiableCredential')) {
    result.errors.push({ name: 'DataError', message: 'The credential\'s "type" must include "VerifiableCredential".' });
  }
  if (vc['@context'] === undefined) {
    result.errors.push({ name: 'DataError', message: 'The credential has no "@context".' });
  }
  result.issuer = idOf(vc.issuer);
  if (!result.issuer) result.errors.push({ name: 'DataError', message: 'The credential has no issuer id.' });
  if (vc.credentialStatus !== undefined) result.warnings.push('credentialStatus (revocation) was not checked.');

  const validity = checkValidity({ credential: vc, now: at });
  result.checks.validity = validity.validity;
  result.errors.push(...validity.errors);

  let proofs;
  try {
    proofs = await verifyProofs({
      document: vc,
      purpose: new AssertionProofPurpose(),
      proofPurpose: 'assertionMethod',
      documentLoader,
      label: 'credential',
      now: at,
    });
  } catch (error) {
    // verifyProofs only throws on a bug or a broken loader; still answer with a result
    result.errors.push({ name: 'OperationError', message: `Proof check failed: ${(error as Error)?.message}` });
    return result;
  }
  result.checks.proof = proofs.verified;
  result.errors.push(...proofs.errors);
  result.cryptosuites = [...new Set(proofs.proofs.map((p) => normalizeCryptosuite({ name: p.suite })))];
  if (proofs.proofs.some((p) => p.proof.previousProof !== undefined)) {
    result.warnings.push('The credential carries a proof chain (previousProof); each chained proof was checked over the proofs it names.');
  }

  const controllers = proofs.proofs.map((p) => p.controller);
  result.checks.issuer = !!result.issuer && controllers.length > 0 && controllers.every((c) => c === result.issuer);
  if (result.issuer && controllers.length > 0 && !result.checks.issuer) {
    result.errors.push({
      name: 'DataError',
      message: `The issuer "${result.issuer}" does not control the signing key (controller: ${controllers
        .map((c) => c ?? 'unknown')
        .join(', ')}).`,
    });
  }
  result.verified =
    result.checks.proof && result.checks.issuer && result.checks.validity === 'valid' && result.errors.length === 0;
  return result;
}
