import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createVerifyCryptosuite as eddsaJcs2022 } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { createVerifyCryptosuite as ecdsaJcs2019 } from '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import type { SigningCryptosuite } from './cryptosuites';
import type { Signer } from './keys';

type Proof = Record<string, unknown>;
type Cryptosuite = any;

/** Cryptosuites (DataIntegrityProof) and legacy proof types we can verify. */
export const VERIFIABLE_CRYPTOSUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'ecdsa-rdfc-2019', 'ecdsa-jcs-2019'] as const;
export const VERIFIABLE_PROOF_TYPES = ['Ed25519Signature2020'] as const;

/** 'eddsa-rdfc-2022' for a DataIntegrityProof, the type for a legacy proof. */
export function proofSuiteName({ proof }: { proof: Proof }): string {
  if (proof.type === 'DataIntegrityProof') return typeof proof.cryptosuite === 'string' ? proof.cryptosuite : '(none)';
  return typeof proof.type === 'string' ? proof.type : '(none)';
}

export function isVerifiableProof({ proof }: { proof: Proof }): boolean {
  if (proof.type === 'DataIntegrityProof') {
    return (VERIFIABLE_CRYPTOSUITES as readonly unknown[]).includes(proof.cryptosuite);
  }
  return (VERIFIABLE_PROOF_TYPES as readonly unknown[]).includes(proof.type);
}

function proofIds(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/**
 * data-integrity 2.5.0 ignores `previousProof`. VC Data Integrity says a chained
 * proof signs the document *with* the proofs it names under `proof`, so hand the
 * cryptosuite that document when the proof has a previousProof.
 */
function withPreviousProofs({ cryptosuite, allProofs }: { cryptosuite: Cryptosuite; allProofs: Proof[] }): Cryptosuite {
  return {
    ...cryptosuite,
    async createVerifyData(options: {
      document: Record<string, unknown>;
      proof: Proof;
      documentLoader: unknown;
      dataIntegrityProof: { createVerifyData(o: unknown): Promise<Uint8Array> };
    }) {
      const { proof, dataIntegrityProof } = options;
      let { document } = options;
      const previous = proofIds(proof.previousProof);
      if (proof.previousProof !== undefined) {
        if (previous.length === 0) throw new Error('"previousProof" must be a string or an array of strings.');
        const matching = previous.map((id) => {
          const found = allProofs.find((p) => p.id === id);
          if (!found) throw new Error(`previousProof "${id}" is not in the proof set.`);
          return found;
        });
        document = { ...document, proof: matching };
      }
      if (cryptosuite.createVerifyData) return cryptosuite.createVerifyData({ ...options, document });
      return dataIntegrityProof.createVerifyData({ ...options, document });
    },
  };
}

/** One instance of every suite we verify, set up for this document's proofs. */
export function createVerifySuites({ allProofs }: { allProofs: Proof[] }): unknown[] {
  return [
    new DataIntegrityProof({ cryptosuite: withPreviousProofs({ cryptosuite: eddsaRdfc2022, allProofs }) }),
    new DataIntegrityProof({ cryptosuite: withPreviousProofs({ cryptosuite: ecdsaRdfc2019, allProofs }) }),
    new DataIntegrityProof({ cryptosuite: withPreviousProofs({ cryptosuite: eddsaJcs2022(), allProofs }) }),
    new DataIntegrityProof({ cryptosuite: withPreviousProofs({ cryptosuite: ecdsaJcs2019(), allProofs }) }),
    new Ed25519Signature2020(),
  ];
}

/** A signing suite; `date` pins the proof's `created` (tests, reproducible vectors). */
export function createSignSuite({
  cryptosuite,
  signer,
  date,
}: {
  cryptosuite: SigningCryptosuite;
  signer: Signer;
  date?: string | Date;
}): unknown {
  if (cryptosuite === 'Ed25519Signature2020') return new Ed25519Signature2020({ signer, date });
  if (cryptosuite === 'ecdsa-rdfc-2019') return new DataIntegrityProof({ signer, date, cryptosuite: ecdsaRdfc2019 });
  return new DataIntegrityProof({ signer, date, cryptosuite: eddsaRdfc2022 });
}
