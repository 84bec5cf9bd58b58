import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from './document-loader';
import { type ErrorSummary, summarizeError } from './errors';
import { createVerifySuites, isVerifiableProof, proofSuiteName } from './suites';

type Proof = Record<string, unknown>;

export const MAX_PROOFS = 16;

export interface ProofOutcome {
  suite: string;
  verified: boolean;
  verificationMethod?: string;
  /** The controller named by the verification method, whether or not the signature held. */
  controller?: string;
  proof: Proof;
}

export interface ProofsOutcome {
  /** true only if there is at least one proof and EVERY proof verified. */
  verified: boolean;
  proofs: ProofOutcome[];
  errors: ErrorSummary[];
}

function vmId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Proof).id === 'string') return (value as Proof).id as string;
  return undefined;
}

async function controllerOf({ vm, documentLoader }: { vm: string; documentLoader: DocumentLoader }): Promise<string | undefined> {
  try {
    const { document } = await documentLoader(vm);
    return vmId(document.controller);
  } catch {
    return undefined; // reported by the signature check, which needs the same document
  }
}

/**
 * Verifies every proof on `document` for `proofPurpose` (a jsonld-signatures
 * purpose instance). jsonld-signatures alone says "verified" when ANY proof
 * holds; here a proof set only verifies when all of them do.
 */
export async function verifyProofs({
  document,
  purpose,
  proofPurpose,
  documentLoader,
  label,
  now,
}: {
  document: Record<string, unknown>;
  purpose: unknown;
  proofPurpose: string;
  documentLoader: DocumentLoader;
  label: string;
  now: Date;
}): Promise<ProofsOutcome> {
  const errors: ErrorSummary[] = [];
  const raw = document.proof;
  const proofs = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]) as unknown[];
  if (proofs.length === 0) {
    return { verified: false, proofs: [], errors: [{ name: 'DataError', message: `The ${label} has no proof.` }] };
  }
  // each proof costs a canonicalization; untrusted input does not get to ask for thousands
  if (proofs.length > MAX_PROOFS) {
    return {
      verified: false,
      proofs: [],
      errors: [{ name: 'DataError', message: `The ${label} has ${proofs.length} proofs; at most ${MAX_PROOFS} are checked.` }],
    };
  }
  const objects = proofs.filter((p): p is Proof => !!p && typeof p === 'object' && !Array.isArray(p));
  if (objects.length !== proofs.length) {
    errors.push({ name: 'DataError', message: `Every proof on the ${label} must be an object.` });
  }

  const outcomes: ProofOutcome[] = await Promise.all(
    objects.map(async (proof) => {
      const verificationMethod = vmId(proof.verificationMethod);
      return {
        suite: proofSuiteName({ proof }),
        verified: false,
        verificationMethod,
        controller: verificationMethod ? await controllerOf({ vm: verificationMethod, documentLoader }) : undefined,
        proof,
      };
    }),
  );

  const checkable: ProofOutcome[] = [];
  outcomes.forEach((outcome, i) => {
    const prefix = `Proof ${i + 1} (${outcome.suite}): `;
    if (!isVerifiableProof({ proof: outcome.proof })) {
      errors.push({ name: 'NotSupportedError', message: `${prefix}unsupported proof type or cryptosuite.` });
    } else if (outcome.proof.proofPurpose !== proofPurpose) {
      errors.push({
        name: 'DataError',
        message: `${prefix}proof purpose is "${String(outcome.proof.proofPurpose)}", expected "${proofPurpose}".`,
      });
    } else if (typeof outcome.proof.expires === 'string' && Date.parse(outcome.proof.expires) < now.getTime()) {
      // the libraries only check that "expires" is a date
      errors.push({ name: 'DataError', message: `${prefix}the proof expired at ${outcome.proof.expires}.` });
    } else {
      checkable.push(outcome);
    }
  });

  // one proof per call: jsonld-signatures' results cannot be told apart when
  // two proofs share a value, and its "verified" means "any proof verified"
  const suites = createVerifySuites({ allProofs: objects });
  await Promise.all(
    checkable.map(async (outcome) => {
      const prefix = `Proof ${outcomes.indexOf(outcome) + 1} (${outcome.suite}): `;
      const result = await jsigs.verify({ ...document, proof: outcome.proof }, { suite: suites, purpose, documentLoader });
      const only = (result.results ?? [])[0] as { verified: boolean; error?: unknown } | undefined;
      if (result.verified && only?.verified) {
        outcome.verified = true;
        return;
      }
      const failures = only?.error ?? result.error ?? new Error('the proof was not checked.');
      for (const error of [failures].flat()) errors.push(summarizeError({ error, prefix }));
    }),
  );

  const verified = errors.length === 0 && outcomes.length > 0 && outcomes.every((o) => o.verified);
  return { verified, proofs: outcomes, errors };
}
