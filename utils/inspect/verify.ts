// Verification for the inspector: each received credential and each presentation the wallet
// sent, checked again with utils/crypto (static document loader, no network). Results, not throws.
import { summarizeError } from '../crypto/errors';
import { verifyCredential, verifyPresentation, type CredentialVerification, type PresentationVerification } from '../crypto';

export async function verifyReceived({ credential, now }: { credential: unknown; now?: Date }): Promise<CredentialVerification> {
  try {
    return await verifyCredential({ credential: credential as Record<string, unknown>, ...(now ? { now } : {}) });
  } catch (error) {
    return {
      verified: false,
      checks: { proof: false, issuer: false, validity: 'valid' },
      cryptosuites: [],
      errors: [summarizeError({ error, fallbackName: 'OperationError' })],
      warnings: [],
    };
  }
}

/** Checks the VP's proof against the challenge and domain of the request it answered. */
export async function verifySent({ presentation, request, now }: {
  presentation: unknown;
  request?: Record<string, unknown>;
  now?: Date;
}): Promise<PresentationVerification> {
  const challenge = typeof request?.challenge === 'string' ? request.challenge : proofField(presentation, 'challenge');
  const domain = typeof request?.domain === 'string' ? request.domain : proofField(presentation, 'domain');
  try {
    return await verifyPresentation({
      presentation: presentation as Record<string, unknown>,
      challenge: challenge ?? '',
      ...(domain ? { domain } : {}),
      ...(now ? { now } : {}),
    });
  } catch (error) {
    return {
      verified: false,
      errors: [summarizeError({ error, fallbackName: 'OperationError' })],
      credentialResults: [],
    };
  }
}

function proofField(vp: unknown, key: 'challenge' | 'domain'): string | undefined {
  const proof = (vp as { proof?: unknown })?.proof;
  const first = Array.isArray(proof) ? proof[0] : proof;
  const value = (first as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The proof(s) of a VP or VC, for display: type, cryptosuite, purpose, method, created, challenge, domain. */
export function proofSummary({ document }: { document: unknown }): Record<string, string>[] {
  const proof = (document as { proof?: unknown })?.proof;
  const list = Array.isArray(proof) ? proof : proof ? [proof] : [];
  return list.filter((p): p is Record<string, unknown> => !!p && typeof p === 'object').map((p) => {
    const out: Record<string, string> = {};
    for (const key of ['type', 'cryptosuite', 'proofPurpose', 'verificationMethod', 'created', 'challenge', 'domain']) {
      if (typeof p[key] === 'string') out[key] = p[key] as string;
    }
    const value = typeof p.proofValue === 'string' ? p.proofValue : typeof p.jws === 'string' ? p.jws : undefined;
    if (value) out.proofValue = value.length > 24 ? `${value.slice(0, 12)}…${value.slice(-8)}` : value;
    return out;
  });
}
