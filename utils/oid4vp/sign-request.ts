// Signing a request object as a verifier does (the local workflow service, the tests): a compact
// JWS `oauth-authz-req+jwt` with the verifier's did:key (EdDSA), or an unsigned one (`alg: none`)
// for a redirect_uri: client, which must not sign.
import { createSigner, type WalletKey } from '../crypto';

const encoder = new TextEncoder();

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const part = (value: unknown) => base64UrlEncode(encoder.encode(JSON.stringify(value)));

export async function signRequestObject({ payload, key, header = {} }: {
  payload: Record<string, unknown>; key?: WalletKey; header?: Record<string, unknown>;
}): Promise<string> {
  if (!key) return `${part({ alg: 'none', typ: 'oauth-authz-req+jwt', ...header })}.${part(payload)}.`;
  const signer = await createSigner({ key });
  const input = `${part({ alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: key.verificationMethod, ...header })}.${part(payload)}`;
  return `${input}.${base64UrlEncode(await signer.sign({ data: encoder.encode(input) }))}`;
}
