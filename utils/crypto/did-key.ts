import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';

// Ed25519 (z6Mk), P-256 (zDna) and P-384 (z82L) did:keys, all as Multikey.
const resolver = didKeyDriver();
resolver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
resolver.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });
resolver.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from });

/**
 * Resolves a did:key DID (→ DID document) or DID URL with fragment
 * (→ verification method with its own @context). Offline: did:key is its key.
 */
export async function resolveDidKey({ url }: { url: string }): Promise<Record<string, unknown>> {
  const [did, fragment] = url.split('#');
  const document = (await resolver.get({ did })) as Record<string, unknown>;
  if (fragment === undefined) return document;
  const methods = [
    ...((document.verificationMethod as Record<string, unknown>[]) ?? []),
    ...((document.keyAgreement as Record<string, unknown>[]) ?? []),
  ];
  const method = methods.find((m) => typeof m === 'object' && m.id === url);
  if (!method) throw new Error(`did:key "${did}" has no key "#${fragment}".`);
  const context = (method['@context'] as unknown) ?? 'https://w3id.org/security/multikey/v1';
  return { '@context': context, ...method };
}
