// The request object: a JWT (`oauth-authz-req+jwt`) or, from some real services under an unsigned
// redirect_uri: client, plain JSON. Decoding is by hand (three base64url parts, no library needed);
// the signature of a decentralized_identifier: client's request is checked against the DID's key
// with the same Multikey verifiers the wallet uses for credentials (utils/crypto/did-key).
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { namedError } from '../errors';
import { resolveDidKey } from '../crypto/did-key';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Uint8Array;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function base64UrlDecode(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw namedError({ name: 'DataError', message: 'The request object is not base64url.' });
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function looksLikeJwt(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value.trim());
}

/** Header and payload of a compact JWS; DataError when it is not one. */
export function decodeJwt({ jwt }: { jwt: string }): DecodedJwt {
  const parts = jwt.trim().split('.');
  if (parts.length !== 3) throw namedError({ name: 'DataError', message: 'The request object is not a compact JWT.' });
  const json = (part: string, what: string) => {
    try {
      const value = JSON.parse(new TextDecoder().decode(base64UrlDecode(part)));
      if (isObject(value)) return value;
    } catch { /* below */ }
    throw namedError({ name: 'DataError', message: `The request object's ${what} is not a JSON object.` });
  };
  return { header: json(parts[0], 'header'), payload: json(parts[1], 'payload'), signingInput: `${parts[0]}.${parts[1]}`, signature: base64UrlDecode(parts[2]) };
}

const ALGS: Record<string, string[]> = { EdDSA: ['z6Mk'], Ed25519: ['z6Mk'], ES256: ['zDna'], ES384: ['z82L'] };

/**
 * Verifies a request object signed by `did` (a did:key): `kid` must be a key of that DID, `alg`
 * must fit the key type, the signature must check. NotAllowedError when it does not (signed by
 * another key, wrong DID); NotSupportedError for DID methods the wallet cannot resolve offline.
 */
export async function verifyDidSignedJwt({ jwt, did }: { jwt: DecodedJwt; did: string }): Promise<{ kid: string }> {
  if (!did.startsWith('did:key:')) {
    throw namedError({ name: 'NotSupportedError', message: `The verifier ${did} uses a DID method this wallet cannot resolve (only did:key).` });
  }
  const { alg, kid } = jwt.header;
  if (typeof alg !== 'string' || !ALGS[alg]) {
    throw namedError({ name: 'NotSupportedError', message: `The request object is signed with "${String(alg)}"; the wallet checks EdDSA, ES256 and ES384.` });
  }
  if (typeof kid !== 'string' || kid.split('#')[0] !== did) {
    throw namedError({ name: 'NotAllowedError', message: `The request object's key "${String(kid)}" does not belong to the verifier ${did}.` });
  }
  let method: Record<string, unknown>;
  try {
    method = await resolveDidKey({ url: kid.includes('#') ? kid : `${kid}#${did.slice('did:key:'.length)}` });
  } catch (cause) {
    throw namedError({ name: 'NotAllowedError', message: `The request object's key ${kid} cannot be resolved.`, cause });
  }
  const multibase = String(method.publicKeyMultibase ?? '');
  if (!ALGS[alg].some((prefix) => multibase.startsWith(prefix))) {
    throw namedError({ name: 'NotAllowedError', message: `The request object says "${alg}" but ${kid} is another kind of key.` });
  }
  const key = multibase.startsWith('z6Mk') ? await Ed25519Multikey.from(method) : await EcdsaMultikey.from(method);
  const verified = await key.verifier().verify({ data: new TextEncoder().encode(jwt.signingInput), signature: jwt.signature });
  if (!verified) {
    throw namedError({ name: 'NotAllowedError', message: `The request object was not signed by ${did}'s key; nothing was sent.` });
  }
  return { kid };
}
