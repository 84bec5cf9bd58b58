// Compact JWS helpers for proof JWTs: encoding, decoding for the inspector. Signing is the
// caller's (the key stays in the background); utils/crypto/jwt.ts signs with wallet keys.
import { namedError } from '../errors';

export function base64url({ bytes }: { bytes: Uint8Array }): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url({ text }: { text: string }): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw namedError({ name: 'DataError', message: 'Not base64url.' });
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

export const jsonPart = (value: unknown) => base64url({ bytes: new TextEncoder().encode(JSON.stringify(value)) });

/** Header and payload of a compact JWS (not verified). DataError if it is not one. */
export function decodeJwt({ jwt }: { jwt: string }): { header: Record<string, unknown>; payload: Record<string, unknown>; signingInput: string; signature: Uint8Array } {
  const parts = typeof jwt === 'string' ? jwt.split('.') : [];
  if (parts.length !== 3) throw namedError({ name: 'DataError', message: 'Not a compact JWT (three dot-separated parts).' });
  try {
    const header = JSON.parse(new TextDecoder().decode(fromBase64url({ text: parts[0] })));
    const payload = JSON.parse(new TextDecoder().decode(fromBase64url({ text: parts[1] })));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') throw new Error('not objects');
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: fromBase64url({ text: parts[2] }) };
  } catch (cause) {
    throw namedError({ name: 'DataError', message: 'The JWT\'s header or payload is not base64url JSON.', cause });
  }
}
