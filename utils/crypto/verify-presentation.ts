import jsigs from 'jsonld-signatures';
import { checkJson } from '../json-bounds';
import { type DocumentLoader, documentLoader as defaultLoader } from './document-loader';
import type { ErrorSummary } from './errors';
import { type CredentialVerification, idOf, verifyCredential } from './verify-credential';
import { toDate } from './validity';
import { verifyProofs } from './verify-proofs';

export interface PresentationVerification {
  verified: boolean;
  holder?: string;
  /** The DID controlling the proof's verification method. */
  signer?: string;
  challenge?: string;
  domain?: string;
  errors: ErrorSummary[];
  credentialResults: CredentialVerification[];
}

const { AuthenticationProofPurpose } = jsigs.purposes;

/** Untrusted values in messages: JSON, and not too long. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/**
 * Verifies a signed VP: authentication proof(s) with exactly the expected
 * challenge (and domain, when one is expected), the holder is the signer, and
 * every embedded credential verifies. Never throws for a bad presentation.
 */
export async function verifyPresentation({
  presentation,
  challenge,
  domain,
  now,
  documentLoader = defaultLoader,
}: {
  presentation: unknown;
  challenge: string;
  domain?: string;
  now?: Date | string | number;
  documentLoader?: DocumentLoader;
}): Promise<PresentationVerification> {
  if (typeof challenge !== 'string' || !challenge) throw new TypeError('"challenge" must be a non-empty string.');
  if (domain !== undefined && typeof domain !== 'string') throw new TypeError('"domain" must be a string.');
  if (typeof documentLoader !== 'function') throw new TypeError('"documentLoader" must be a function.');
  const at = toDate({ now });
  const result: PresentationVerification = { verified: false, errors: [], credentialResults: [] };
  if (!presentation || typeof presentation !== 'object' || Array.isArray(presentation)) {
    result.errors.push({ name: 'DataError', message: 'The presentation must be a JSON object.' });
    return result;
  }
  try {
    checkJson({ value: presentation, what: 'The presentation' });
  } catch (error) {
    result.errors.push({ name: 'DataError', message: (error as Error).message });
    return result;
  }
  const vp = presentation as Record<string, unknown>;
  const types = Array.isArray(vp.type) ? vp.type : [vp.type];
  if (!types.includes('VerifiablePresentation')) {
    result.errors.push({ name: 'DataError', message: 'The presentation\'s "type" must include "VerifiablePresentation".' });
  }
  result.holder = idOf(vp.holder);

  const proofs = Array.isArray(vp.proof) ? vp.proof : vp.proof ? [vp.proof] : [];
  const first = proofs[0] as Record<string, unknown> | undefined;
  if (typeof first?.challenge === 'string') result.challenge = first.challenge;
  if (typeof first?.domain === 'string') result.domain = first.domain;
  // checked here as well as by the library: the library skips its purpose check
  // when the signature fails, and accepts a domain array containing the expected one
  for (const proof of proofs as Record<string, unknown>[]) {
    if (proof?.challenge !== challenge) {
      result.errors.push({
        name: 'DataError',
        message: `The proof's challenge ${shown(proof?.challenge)} is not the expected "${challenge}".`,
      });
    }
    if (domain !== undefined && proof?.domain !== domain) {
      result.errors.push({
        name: 'DataError',
        message: `The proof's domain ${shown(proof?.domain)} is not the expected "${domain}".`,
      });
    }
  }

  try {
    const outcome = await verifyProofs({
      document: vp,
      purpose: new AuthenticationProofPurpose({ challenge, domain }),
      proofPurpose: 'authentication',
      documentLoader,
      label: 'presentation',
      now: at,
    });
    result.errors.push(...outcome.errors);
    const signers = [...new Set(outcome.proofs.map((p) => p.controller))];
    if (signers.length === 1) result.signer = signers[0];
    if (signers.length > 1) {
      result.errors.push({ name: 'DataError', message: 'The presentation\'s proofs are by different controllers.' });
    }
    if (outcome.proofs.length > 0) {
      if (!result.holder) {
        result.errors.push({ name: 'DataError', message: 'The presentation has no holder to match the signer.' });
      } else if (signers.length !== 1 || result.signer !== result.holder) {
        result.errors.push({
          name: 'DataError',
          message: `The holder does not match the signer ("${result.holder}" ≠ "${signers.map((s) => s ?? 'unknown').join(', ')}").`,
        });
      }
    }
  } catch (error) {
    result.errors.push({ name: 'OperationError', message: `Proof check failed: ${(error as Error)?.message}` });
  }

  const credentials = vp.verifiableCredential === undefined ? [] : [vp.verifiableCredential].flat();
  result.credentialResults = await Promise.all(
    credentials.map((credential) => verifyCredential({ credential, now: at, documentLoader })),
  );
  result.credentialResults.forEach((r, i) => {
    if (!r.verified) result.errors.push({ name: 'DataError', message: `Credential ${i + 1} did not verify.` });
  });
  result.verified = result.errors.length === 0;
  return result;
}
