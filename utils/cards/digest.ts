// digestMultibase: a multibase-encoded multihash (sha2-256 = 0x12, 32 bytes). The render method
// draft asks for `u` (base64url, no padding); issuers in the field (LCW, Inji) also send `z`
// (base58btc), so both are read. A few lines over WebCrypto — no library does only this.
import { base58btcDecode } from '../crypto/base58';
import { namedError } from '../errors';

const SHA2_256 = 0x12;

function decodeMultibase(value: string): Uint8Array {
  const prefix = value[0];
  const body = value.slice(1);
  if (prefix === 'u') {
    if (!/^[A-Za-z0-9_-]+$/.test(body)) throw namedError({ name: 'DataError', message: 'digestMultibase is not valid base64url.' });
    const text = atob(body.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (body.length % 4)) % 4));
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  }
  if (prefix === 'z') {
    try {
      return base58btcDecode({ text: body });
    } catch (cause) {
      throw namedError({ name: 'DataError', message: 'digestMultibase is not valid base58btc.', cause });
    }
  }
  throw namedError({ name: 'NotSupportedError', message: `digestMultibase uses the multibase prefix "${prefix ?? ''}"; only "u" and "z" are read.` });
}

export async function sha256({ bytes }: { bytes: Uint8Array }): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** The `u` form for some bytes (what an issuer would put in the credential). */
export async function digestMultibaseOf({ bytes }: { bytes: Uint8Array }): Promise<string> {
  const multihash = new Uint8Array([SHA2_256, 32, ...(await sha256({ bytes }))]);
  return `u${btoa(String.fromCharCode(...multihash)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** true when the bytes hash to the digest; DataError / NotSupportedError for a digest it cannot read. */
export async function matchesDigestMultibase({ bytes, digestMultibase }: { bytes: Uint8Array; digestMultibase: string }): Promise<boolean> {
  if (typeof digestMultibase !== 'string' || digestMultibase.length < 2) {
    throw namedError({ name: 'DataError', message: 'digestMultibase must be a multibase string.' });
  }
  const multihash = decodeMultibase(digestMultibase);
  if (multihash[0] !== SHA2_256 || multihash[1] !== 32 || multihash.length !== 34) {
    throw namedError({ name: 'NotSupportedError', message: 'digestMultibase must be a sha2-256 multihash.' });
  }
  const actual = await sha256({ bytes });
  return actual.every((b, i) => b === multihash[i + 2]);
}
