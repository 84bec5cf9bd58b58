// navigator.credentials.store(webCredential) argument → the offered presentation and its
// credentials as plain JSON. The presentation need not be signed; each credential is verified
// later, in the background, before anything is stored.
import { jsonCopy, isPlainObject } from './json-copy';
import { MAX_STORE_BYTES, MAX_STORE_CREDENTIALS } from './limits';

export interface ChapiStoreRequest {
  dataType: 'VerifiablePresentation';
  presentation: Record<string, unknown>;
  credentials: Record<string, unknown>[];
  recommendedHandlerOrigins: string[];
}

/**
 * Check a WebCredential (ours, the polyfill's, or a plain object of that shape). `path` names
 * it in messages. Throws TypeError for anything malformed.
 */
export function normalizeStoreRequest({ credential, path = 'credential' }: {
  credential: unknown;
  path?: string;
}): ChapiStoreRequest {
  if (!credential || typeof credential !== 'object') {
    throw new TypeError(`"${path}" must be a WebCredential: new WebCredential("VerifiablePresentation", presentation).`);
  }
  const c = credential as { type?: unknown; dataType?: unknown; data?: unknown; options?: unknown };
  if (c.type !== 'web') throw new TypeError(`"${path}.type" must be "web".`);
  if (c.dataType !== 'VerifiablePresentation') {
    throw new TypeError(`"${path}.dataType" must be "VerifiablePresentation" (got ${describe(c.dataType)}).`);
  }
  const presentation = jsonCopy<unknown>({ value: c.data, path: `${path}.data`, maxBytes: MAX_STORE_BYTES });
  if (!isPlainObject(presentation)) throw new TypeError(`"${path}.data" must be a VerifiablePresentation object.`);
  const types = Array.isArray(presentation.type) ? presentation.type : [presentation.type];
  if (!types.includes('VerifiablePresentation')) {
    throw new TypeError(`"${path}.data.type" must include "VerifiablePresentation".`);
  }
  const vc = presentation.verifiableCredential;
  const credentials = vc === undefined ? [] : Array.isArray(vc) ? vc : [vc];
  if (credentials.length === 0) {
    throw new TypeError(`"${path}.data.verifiableCredential" must hold at least one credential to store.`);
  }
  if (credentials.length > MAX_STORE_CREDENTIALS) {
    throw new TypeError(`"${path}.data.verifiableCredential" holds ${credentials.length} credentials; at most ${MAX_STORE_CREDENTIALS}.`);
  }
  credentials.forEach((item, i) => {
    if (!isPlainObject(item)) {
      throw new TypeError(`"${path}.data.verifiableCredential[${i}]" must be a credential object (enveloped credentials are not supported).`);
    }
  });
  let recommendedHandlerOrigins: string[] = [];
  if (c.options !== undefined) {
    if (!isPlainObject(c.options)) throw new TypeError(`"${path}.options" must be an object.`);
    const origins = (c.options as { recommendedHandlerOrigins?: unknown }).recommendedHandlerOrigins;
    if (origins !== undefined) {
      if (!Array.isArray(origins) || origins.length > 20 || !origins.every((o) => typeof o === 'string')) {
        throw new TypeError(`"${path}.options.recommendedHandlerOrigins" must be an array of strings.`);
      }
      recommendedHandlerOrigins = origins as string[];
    }
  }
  return {
    dataType: 'VerifiablePresentation',
    presentation,
    credentials: credentials as Record<string, unknown>[],
    recommendedHandlerOrigins,
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 60));
  return value === null ? 'null' : typeof value;
}
