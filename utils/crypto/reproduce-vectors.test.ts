// Ed25519 signatures are deterministic: signing the W3C unsigned alumni credential
// with the W3C test key and the vectors' `created` must give their exact proofValue,
// with the multibase signer and with a non-extractable WebCrypto key alike.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { base58btcDecode } from './base58';
import { createDocumentLoader, createSigner, keyFromJson, type WalletKey } from './index';
import { createSignSuite } from './suites';

const VECTORS = resolve(import.meta.dirname, '../../testdata/vectors');
const read = (path: string) => JSON.parse(readFileSync(resolve(VECTORS, path), 'utf8'));
const documentLoader = createDocumentLoader({
  documents: { 'https://www.w3.org/ns/credentials/examples/v2': read('contexts/credentials-examples-v2.json') },
});
const PKCS8_ED25519_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

let multibaseKey: WalletKey;
let cryptoKey: WalletKey;

beforeAll(async () => {
  const pair = read('credentials/eddsa-test-keypair.json');
  multibaseKey = await keyFromJson({ json: pair });
  const secret = base58btcDecode({ text: pair.privateKeyMultibase.slice(1) });
  expect([...secret.slice(0, 2)]).toEqual([0x80, 0x26]); // ed25519-priv multicodec
  const pkcs8 = Uint8Array.from([...PKCS8_ED25519_PREFIX, ...secret.slice(2, 34)]);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  cryptoKey = { ...multibaseKey, privateKey };
  delete cryptoKey.secretKeyMultibase; // so the signer must use the CryptoKey
});

describe.each([
  ['eddsa-rdfc-2022', 'credentials/eddsa-rdfc-2022-alumni-signed.json'],
  ['Ed25519Signature2020', 'credentials/ed25519signature2020-alumni-signed.json'],
] as const)('%s', (cryptosuite, vectorFile) => {
  it.each(['multibase', 'WebCrypto'] as const)('reproduces the W3C proofValue with the %s signer', async (which) => {
    const vector = read(vectorFile);
    const key = which === 'multibase' ? multibaseKey : cryptoKey;
    const signed = await jsigs.sign(read('credentials/alumni-unsigned.json'), {
      suite: createSignSuite({ cryptosuite, signer: await createSigner({ key }), date: vector.proof.created }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
    });
    expect(signed['@context']).toEqual(vector['@context']);
    expect(signed.proof).toEqual(vector.proof);
  });
});
