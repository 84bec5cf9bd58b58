import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { checkSignCaps } from '../request-caps';
import { CONTEXTS } from './contexts';
import { pickCryptosuite, type SigningCryptosuite, SUITES_BY_CURVE } from './cryptosuites';
import { type DocumentLoader, documentLoader as defaultLoader } from './document-loader';
import { hasErrorName } from '../errors';
import { namedError, summarizeError } from './errors';
import { createSigner, keyCurveOf, type WalletKey } from './keys';
import { createSignSuite } from './suites';
import { idOf } from './verify-credential';

type Json = Record<string, unknown>;
const { AuthenticationProofPurpose } = jsigs.purposes;

function firstContext(doc: unknown): unknown {
  const ctx = (doc as Json | undefined)?.['@context'];
  return Array.isArray(ctx) ? ctx[0] : ctx;
}

function assertKey(key: unknown): asserts key is WalletKey {
  const k = key as WalletKey | undefined;
  if (!k || typeof k !== 'object' || typeof k.did !== 'string' || typeof k.verificationMethod !== 'string') {
    throw new TypeError('"key" must be a WalletKey.');
  }
}

/**
 * An unsigned VP. VC 2.0 context, unless the credentials are VC 1.1 (the two
 * base contexts protect clashing terms, so one VP cannot hold both).
 */
export function createPresentation({
  holder,
  verifiableCredential,
}: {
  holder: string;
  verifiableCredential?: object | object[];
}): Json {
  if (typeof holder !== 'string' || !holder) throw new TypeError('"holder" must be a DID string.');
  const credentials =
    verifiableCredential === undefined ? [] : Array.isArray(verifiableCredential) ? verifiableCredential : [verifiableCredential];
  if (credentials.some((c) => !c || typeof c !== 'object')) {
    throw new TypeError('"verifiableCredential" must be an object or an array of objects.');
  }
  const versions = new Set(credentials.map((c) => (firstContext(c) === CONTEXTS.CREDENTIALS_V1 ? 1 : 2)));
  if (versions.size > 1) {
    throw namedError({
      name: 'NotSupportedError',
      message: 'VC 1.1 and VC 2.0 credentials cannot share one presentation; present them separately.',
    });
  }
  const context = versions.has(1) ? CONTEXTS.CREDENTIALS_V1 : CONTEXTS.CREDENTIALS_V2;
  const presentation: Json = { '@context': [context], type: ['VerifiablePresentation'], holder };
  if (credentials.length > 0) presentation.verifiableCredential = structuredClone(credentials);
  return presentation;
}

/** Signs a VP for authentication (DID auth) with the request's challenge and domain. */
export async function signPresentation({
  presentation,
  key,
  challenge,
  domain,
  cryptosuite,
  documentLoader = defaultLoader,
}: {
  presentation: object;
  key: WalletKey;
  challenge: string;
  domain?: string;
  cryptosuite?: string;
  documentLoader?: DocumentLoader;
}): Promise<Json> {
  if (!presentation || typeof presentation !== 'object') throw new TypeError('"presentation" must be an object.');
  assertKey(key);
  if (typeof challenge !== 'string' || !challenge) throw new TypeError('"challenge" must be a non-empty string.');
  if (domain !== undefined && (typeof domain !== 'string' || !domain)) {
    throw new TypeError('"domain" must be a non-empty string when given.');
  }
  checkSignCaps({ challenge, domain });
  // the suite must be one this key makes: eddsa / Ed25519Signature2020 with Ed25519, ecdsa-rdfc-2019 with P-256
  const available = SUITES_BY_CURVE[keyCurveOf({ key })];
  const suiteName: SigningCryptosuite = cryptosuite === undefined ? available[0] : pickCryptosuite({ accepted: [cryptosuite], available });
  const doc = structuredClone(presentation) as Json;
  if (doc.proof !== undefined) throw namedError({ name: 'DataError', message: 'The presentation is already signed.' });
  const holder = idOf(doc.holder);
  if (holder !== undefined && holder !== key.did) {
    throw namedError({ name: 'DataError', message: `The presentation holder "${holder}" is not the signing key's DID "${key.did}".` });
  }
  const suite = createSignSuite({ cryptosuite: suiteName, signer: await createSigner({ key }) });
  try {
    return await jsigs.sign(doc, {
      suite,
      purpose: new AuthenticationProofPurpose({ challenge, domain }),
      documentLoader,
    });
  } catch (cause) {
    throw signingError({ cause, what: 'presentation' });
  }
}

/** Issues (signs) a credential with eddsa-rdfc-2022 (ecdsa-rdfc-2019 with a P-256 key), proof purpose assertionMethod. */
export async function issueCredential({
  credential,
  key,
  documentLoader = defaultLoader,
}: {
  credential: object;
  key: WalletKey;
  documentLoader?: DocumentLoader;
}): Promise<Json> {
  if (!credential || typeof credential !== 'object') throw new TypeError('"credential" must be an object.');
  assertKey(key);
  const doc = structuredClone(credential) as Json;
  if (doc.proof !== undefined) throw namedError({ name: 'DataError', message: 'The credential is already signed.' });
  if (doc.issuer === undefined) doc.issuer = key.did;
  const issuer = idOf(doc.issuer);
  if (issuer !== key.did) {
    throw namedError({ name: 'DataError', message: `The credential issuer "${issuer}" is not the signing key's DID "${key.did}".` });
  }
  const suite = createSignSuite({ cryptosuite: SUITES_BY_CURVE[keyCurveOf({ key })][0], signer: await createSigner({ key }) });
  try {
    return await vc.issue({ credential: doc, suite, documentLoader });
  } catch (cause) {
    throw signingError({ cause, what: 'credential' });
  }
}

function signingError({ cause, what }: { cause: unknown; what: string }): Error {
  if (hasErrorName(cause, 'OperationError', 'NotSupportedError')) return cause as Error;
  // e.g. NotFoundError naming a context that is not bundled, or DataError for a malformed document
  const summary = summarizeError({ error: cause });
  return namedError({ name: summary.name, message: `Cannot sign the ${what}: ${summary.message}`, cause });
}
