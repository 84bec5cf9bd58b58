// Checking an OpenID4VCI proof of possession: a `jwt` proof (openid4vci-proof+jwt, signed by the
// did:key its `kid` names, aud = this issuer, fresh iat, nonce = the c_nonce handed out) or a
// `di_vp` proof (a VP signed for authentication, challenge = c_nonce, domain = this issuer).
// Any failure throws an OAuthError with the code the spec names (invalid_proof / invalid_nonce).
import { verifyDidKeyJwt } from '../../utils/crypto/jwt';
import { verifyStepPresentation, type BoundHolder } from '../verify-presentation';
import { JWT_ALGS } from './metadata';
import { OAuthError } from './oauth-error';

const MAX_SKEW_S = 300;

export async function checkJwtProof({ jwt, audience, nonce, now = Date.now() }: {
  jwt: unknown; audience: string; nonce: string | undefined; now?: number;
}): Promise<BoundHolder> {
  if (typeof jwt !== 'string') throw new OAuthError({ error: 'invalid_proof', description: 'The jwt proof must be a compact JWT string.' });
  let verified;
  try {
    verified = await verifyDidKeyJwt({ jwt });
  } catch (cause) {
    throw new OAuthError({ error: 'invalid_proof', description: `The proof JWT does not verify: ${(cause as Error).message}` });
  }
  const { header, payload } = verified;
  if (header.typ !== 'openid4vci-proof+jwt') throw new OAuthError({ error: 'invalid_proof', description: 'The proof JWT "typ" must be "openid4vci-proof+jwt".' });
  if (!JWT_ALGS.includes(String(header.alg))) throw new OAuthError({ error: 'invalid_proof', description: `The proof JWT "alg" must be one of ${JWT_ALGS.join(', ')}.` });
  const aud = [payload.aud].flat();
  if (!aud.includes(audience)) throw new OAuthError({ error: 'invalid_proof', description: `The proof JWT "aud" must be ${audience}.` });
  const iat = payload.iat;
  if (typeof iat !== 'number' || Math.abs(now / 1000 - iat) > MAX_SKEW_S) {
    throw new OAuthError({ error: 'invalid_proof', description: 'The proof JWT "iat" is missing or not within 5 minutes of now.' });
  }
  if (!nonce || payload.nonce !== nonce) {
    throw new OAuthError({ error: 'invalid_nonce', description: 'The proof does not carry the current c_nonce; get a fresh one from the nonce endpoint.' });
  }
  return { did: verified.did, verificationMethod: verified.verificationMethod, verifiablePresentation: {} };
}

export async function checkDiVpProof({ vp, audience, nonce, request }: {
  vp: unknown; audience: string; nonce: string | undefined; request: Record<string, unknown>;
}): Promise<BoundHolder> {
  if (!vp || typeof vp !== 'object' || Array.isArray(vp)) throw new OAuthError({ error: 'invalid_proof', description: 'The di_vp proof must be a presentation object.' });
  const proofs = [(vp as Record<string, unknown>).proof].flat() as Record<string, unknown>[];
  if (!nonce || !proofs.some((p) => p && p.challenge === nonce)) {
    throw new OAuthError({ error: 'invalid_nonce', description: 'The di_vp proof\'s challenge is not the current c_nonce; get a fresh one from the nonce endpoint.' });
  }
  try {
    return await verifyStepPresentation({ presentation: vp as Record<string, unknown>, request, challenge: nonce, domain: audience });
  } catch (cause) {
    const details = (cause as { details?: { errors?: { message: string }[] } }).details?.errors?.map((e) => e.message).join('; ');
    throw new OAuthError({ error: 'invalid_proof', description: `The di_vp proof does not verify: ${details ?? (cause as Error).message}` });
  }
}
