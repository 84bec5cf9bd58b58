// Compact JWS with did:key keys: proof-of-possession JWTs (OpenID4VCI `openid4vci-proof+jwt`).
// Signing uses the wallet key's signer (a non-extractable CryptoKey stays one); verification
// resolves the `kid` did:key offline and checks the signature with the multikey libraries.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { resolveDidKey } from './did-key';
import { namedError } from './errors';
import { createSigner, type WalletKey } from './keys';

const b64u = (bytes: Uint8Array) => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromB64u = (text: string) => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw namedError({ name: 'DataError', message: 'The JWT is not base64url.' });
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)), (c) => c.charCodeAt(0));
};
const part = (value: unknown) => b64u(new TextEncoder().encode(JSON.stringify(value)));

/** The JWS `alg` a wallet key signs with. */
export function jwsAlgOf({ key }: { key: WalletKey }): 'EdDSA' | 'ES256' {
  return key.publicKeyMultibase.startsWith('zDna') ? 'ES256' : 'EdDSA';
}

/** Signs `header` (alg and kid filled in from the key unless given) and `payload` as a compact JWS. */
export async function signJwt({ key, header, payload }: {
  key: WalletKey; header: Record<string, unknown>; payload: Record<string, unknown>;
}): Promise<string> {
  const signer = await createSigner({ key });
  const fullHeader = { alg: jwsAlgOf({ key }), kid: key.verificationMethod, ...header };
  if (fullHeader.alg !== jwsAlgOf({ key })) throw namedError({ name: 'NotSupportedError', message: `This key cannot sign ${String(fullHeader.alg)}.` });
  const signingInput = `${part(fullHeader)}.${part(payload)}`;
  const signature = await signer.sign({ data: new TextEncoder().encode(signingInput) });
  return `${signingInput}.${b64u(signature)}`;
}

/**
 * Verifies a compact JWS whose `kid` is a did:key verification method (Ed25519 → EdDSA,
 * P-256 → ES256). Returns the header, payload and the signer's DID. Throws DataError
 * (malformed, unknown key, wrong alg for the key) or NotAllowedError (bad signature).
 */
export async function verifyDidKeyJwt({ jwt }: { jwt: string }): Promise<{
  header: Record<string, unknown>; payload: Record<string, unknown>; did: string; verificationMethod: string;
}> {
  const parts = typeof jwt === 'string' ? jwt.split('.') : [];
  if (parts.length !== 3) throw namedError({ name: 'DataError', message: 'The proof is not a compact JWT.' });
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(fromB64u(parts[0])));
    payload = JSON.parse(new TextDecoder().decode(fromB64u(parts[1])));
  } catch (cause) {
    throw namedError({ name: 'DataError', message: 'The JWT header or payload is not base64url JSON.', cause });
  }
  const kid = header?.kid;
  if (typeof kid !== 'string' || !kid.startsWith('did:key:') || !kid.includes('#')) {
    throw namedError({ name: 'DataError', message: 'The JWT "kid" must be a did:key verification method (did:key:…#…).' });
  }
  let method: Record<string, unknown>;
  try {
    method = await resolveDidKey({ url: kid });
  } catch (cause) {
    throw namedError({ name: 'DataError', message: `The JWT "kid" ${kid.slice(0, 120)} does not resolve.`, cause });
  }
  const multibase = String(method.publicKeyMultibase ?? '');
  const expected = multibase.startsWith('z6Mk') ? 'EdDSA' : multibase.startsWith('zDna') ? 'ES256' : undefined;
  if (!expected || header.alg !== expected) {
    throw namedError({ name: 'DataError', message: `The JWT "alg" ${String(header.alg)} does not fit its key (expected ${expected ?? 'an Ed25519 or P-256 key'}).` });
  }
  const pair = expected === 'EdDSA'
    ? await Ed25519Multikey.from({ ...method, type: 'Multikey' })
    : await EcdsaMultikey.from({ ...method, type: 'Multikey' });
  const ok = await pair.verifier().verify({
    data: new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
    signature: fromB64u(parts[2]),
  }).catch(() => false);
  if (!ok) throw namedError({ name: 'NotAllowedError', message: 'The JWT signature does not verify with its kid.' });
  return { header, payload, did: kid.split('#')[0], verificationMethod: kid };
}
