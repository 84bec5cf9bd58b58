// Checks a presentation a wallet sent against the request the step asked with: the proof
// (via utils/crypto), the challenge and domain we handed out, holder == the DID that signed,
// the accepted DID methods and cryptosuites, every embedded credential, and that each required
// QueryByExample query is answered by some credential. Failure is a 400 DataError whose
// details list every reason.
import { verifyPresentation, normalizeCryptosuite } from '../utils/crypto';
import { dataError } from './errors';

export interface BoundHolder {
  did: string;
  verificationMethod: string;
  verifiablePresentation: Record<string, unknown>;
}

type Reason = { name: string; message: string };

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const isObject = (value: unknown): value is Record<string, any> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function suiteOf(proof: Record<string, any>): string {
  const name = typeof proof.cryptosuite === 'string' ? proof.cryptosuite : String(proof.type ?? '');
  return normalizeCryptosuite({ name });
}

function acceptedSuites(query: Record<string, any>): string[] {
  return asArray(query.acceptedCryptosuites)
    .map((entry: any) => (typeof entry === 'string' ? entry : entry?.cryptosuite))
    .filter((name): name is string => typeof name === 'string')
    .map((name) => normalizeCryptosuite({ name }));
}

function acceptedMethods(query: Record<string, any>): string[] {
  return asArray(query.acceptedMethods)
    .map((entry: any) => (typeof entry === 'string' ? entry : entry?.method))
    .filter((name): name is string => typeof name === 'string')
    .map((name) => name.replace(/^did:/, ''));
}

function typesOf(credential: unknown): string[] {
  return isObject(credential) ? asArray(credential.type).filter((t): t is string => typeof t === 'string') : [];
}

export async function verifyStepPresentation({
  presentation,
  request,
  challenge,
  domain,
}: {
  presentation: Record<string, any>;
  request: Record<string, any>;
  challenge: string;
  domain: string;
}): Promise<BoundHolder> {
  const reasons: Reason[] = [];
  const proofs = asArray(presentation.proof).filter(isObject);
  const proof = proofs.find((p) => p.proofPurpose === 'authentication') ?? proofs[0];
  if (!proof) {
    throw dataError('Verification error: the presentation has no proof.', {
      verified: false,
      errors: [{ name: 'DataError', message: 'The presentation is not signed.' }],
    }, undefined, 'CRYPTOGRAPHIC_SECURITY_ERROR');
  }
  // Our own comparisons first: they give the clearest reasons.
  if (proof.challenge !== challenge) {
    reasons.push({ name: 'DataError', message: `The proof's challenge does not match the one this exchange issued.` });
  }
  if (proof.domain !== domain) {
    reasons.push({ name: 'DataError', message: `The proof's domain must be "${domain}".` });
  }
  let result: Awaited<ReturnType<typeof verifyPresentation>> | undefined;
  try {
    result = await verifyPresentation({ presentation, challenge, domain });
  } catch (error) {
    reasons.push({ name: (error as Error).name || 'DataError', message: (error as Error).message });
  }
  if (result && !result.verified) {
    for (const e of result.errors ?? []) reasons.push({ name: e.name, message: e.message });
    if (!result.errors?.length) reasons.push({ name: 'DataError', message: 'The presentation did not verify.' });
  }
  const holder = typeof presentation.holder === 'string' ? presentation.holder : presentation.holder?.id;
  const signer = result?.signer;
  if (typeof holder !== 'string') {
    reasons.push({ name: 'DataError', message: 'The presentation names no holder.' });
  } else if (result && signer !== holder) {
    reasons.push({ name: 'DataError', message: `The holder ${holder} is not the DID that signed (${signer ?? 'unknown'}).` });
  }
  (result?.credentialResults ?? []).forEach((credential, index) => {
    if (!credential.verified) {
      const why = credential.errors?.map((e) => e.message).join('; ') || 'did not verify';
      reasons.push({ name: 'DataError', message: `Credential ${index} ${why}.` });
    }
  });

  const queries = asArray(request.query).filter(isObject);
  const credentials = asArray(presentation.verifiableCredential);
  for (const query of queries) {
    if (query.type === 'DIDAuthentication') {
      const methods = acceptedMethods(query);
      const method = typeof holder === 'string' ? holder.split(':')[1] : undefined;
      if (methods.length > 0 && (!method || !methods.includes(method))) {
        reasons.push({ name: 'NotSupportedError', message: `DID method "${method}" is not accepted (${methods.join(', ')}).` });
      }
      const suites = acceptedSuites(query);
      if (suites.length > 0 && !suites.includes(suiteOf(proof))) {
        reasons.push({ name: 'NotSupportedError', message: `Cryptosuite "${suiteOf(proof)}" is not accepted (${suites.join(', ')}).` });
      }
    } else if (query.type === 'QueryByExample' && query.required !== false) {
      for (const item of asArray(query.credentialQuery).filter(isObject)) {
        if (item.required === false) continue;
        const wanted = asArray(item.example?.type).filter((t): t is string => typeof t === 'string');
        const found = credentials.some((c) => wanted.every((t) => typesOf(c).includes(t)));
        if (!found) {
          reasons.push({ name: 'DataError', message: `No credential of type ${wanted.join(', ') || '(any)'} was presented.` });
        }
      }
    }
  }
  if (reasons.length > 0) {
    throw dataError(`Verification error: ${reasons[0].message}`, { verified: false, errors: reasons }, undefined, 'CRYPTOGRAPHIC_SECURITY_ERROR');
  }
  return {
    did: holder as string,
    verificationMethod: String(proof.verificationMethod),
    verifiablePresentation: presentation,
  };
}
