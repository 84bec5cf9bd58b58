// base64url without padding (RFC 4648 §5), for the bytes in a backup file. Node 20 and the
// browsers both have btoa/atob; Uint8Array.toBase64 is not in Node 20 yet.
import { namedError } from '../errors';

export function toBase64url({ bytes }: { bytes: Uint8Array }): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url({ text, field }: { text: unknown; field: string }): Uint8Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw namedError({ name: 'DataError', message: `The backup file is damaged: "${field}" is not base64url.` });
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
