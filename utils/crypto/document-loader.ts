import jsigs from 'jsonld-signatures';
import { CONTEXTS, bundledContexts } from './contexts';
import { resolveDidKey } from './did-key';
import { namedError } from './errors';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: Record<string, unknown>;
  /** 'static' lets jsonld cache the processed context across operations. */
  tag?: 'static';
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

type Doc = Record<string, unknown>;
const VM_RELATIONS = [
  'verificationMethod',
  'assertionMethod',
  'authentication',
  'capabilityInvocation',
  'capabilityDelegation',
  'keyAgreement',
];

function isObject(value: unknown): value is Doc {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A verification method embedded in a controller document, as a stand-alone node. */
function findVerificationMethod({ base, controllerDoc, url }: { base: string; controllerDoc: Doc; url: string }): Doc | undefined {
  const fragment = url.slice(base.length); // '#…'
  for (const relation of VM_RELATIONS) {
    const values = controllerDoc[relation];
    for (const vm of Array.isArray(values) ? values : values === undefined ? [] : [values]) {
      if (!isObject(vm) || (vm.id !== url && vm.id !== fragment)) continue;
      // Multikey / Ed25519VerificationKey2020 libraries insist on their own context
      // on the key node; DID documents in the wild often omit it.
      const context =
        vm.type === 'Multikey'
          ? CONTEXTS.MULTIKEY_V1
          : vm.type === 'Ed25519VerificationKey2020'
            ? CONTEXTS.ED25519_2020_V1
            : (controllerDoc['@context'] ?? CONTEXTS.DID_V1);
      return { ...vm, '@context': context, id: url, controller: vm.controller ?? controllerDoc.id ?? base };
    }
  }
  return undefined;
}

/**
 * A static JSON-LD document loader: bundled contexts, did:key resolution and the
 * extra `documents` (by URL, and also by their own `id`). It never touches the
 * network; anything else is a NotFoundError naming the URL.
 */
export function createDocumentLoader({ documents = {} }: { documents?: Record<string, object> } = {}): DocumentLoader {
  if (!isObject(documents)) throw new TypeError('"documents" must be an object keyed by URL.');
  const extra = new Map<string, Doc>();
  for (const [url, doc] of Object.entries(documents)) {
    if (!isObject(doc)) throw new TypeError(`"documents" entry "${url}" must be a JSON object.`);
    extra.set(url, doc);
  }
  for (const doc of [...extra.values()]) {
    if (typeof doc.id === 'string' && !extra.has(doc.id)) extra.set(doc.id, doc);
  }
  const contexts = bundledContexts();

  const load = async (url: string): Promise<RemoteDocument> => {
    if (typeof url !== 'string' || !url) throw new TypeError('"url" must be a non-empty string.');
    const wrap = (document: Doc): RemoteDocument => ({ contextUrl: null, documentUrl: url, document: structuredClone(document) });
    const given = extra.get(url);
    if (given) return wrap(given);
    // bundled contexts never change: let jsonld keep them processed. Caller documents
    // are not tagged, since another loader may serve different ones at the same URL.
    const bundled = contexts.get(url) as Doc | undefined;
    if (bundled) return { ...wrap(bundled), tag: 'static' };
    if (url.startsWith('did:key:')) {
      try {
        return wrap(await resolveDidKey({ url }));
      } catch (cause) {
        throw namedError({ name: 'NotFoundError', message: `Cannot resolve "${url}": ${(cause as Error).message}`, cause });
      }
    }
    const hash = url.indexOf('#');
    if (hash > 0) {
      const base = url.slice(0, hash);
      const controllerDoc = extra.get(base);
      const vm = controllerDoc && findVerificationMethod({ base, controllerDoc, url });
      if (vm) return wrap(vm);
    }
    throw namedError({
      name: 'NotFoundError',
      message: `Document "${url}" is not bundled with the wallet, and the document loader never fetches from the network.`,
    });
  };
  // jsonld-signatures adds the security v1/v2 contexts it ships.
  return jsigs.extendContextLoader(load) as DocumentLoader;
}

/** The default loader: bundled contexts and did:key only. */
export const documentLoader: DocumentLoader = createDocumentLoader();
