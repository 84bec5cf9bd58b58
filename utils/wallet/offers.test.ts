import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createDocumentLoader, verifyCredential } from '../crypto';
import { credentialsInPresentations, verifyOffer as verifyWithDefaults } from './offers';

const VECTORS = resolve(import.meta.dirname, '../../testdata/vectors');
const read = (path: string) => JSON.parse(readFileSync(resolve(VECTORS, path), 'utf8'));
const vector = (name: string) => read(`credentials/${name}`);
// The Open Badges context is not among the wallet's bundled ones; the test supplies it.
const documentLoader = createDocumentLoader({
  documents: { 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': read('contexts/ob-v3p0-context-3.0.3.json') },
});
const verifyOffer = ({ credential }: { credential: unknown }) =>
  verifyWithDefaults({ credential, verify: (o) => verifyCredential({ ...o, documentLoader }) });

describe('verifyOffer', () => {
  test('a valid credential is storable and preselectable', async () => {
    const offer = await verifyOffer({ credential: vector('ob3-vc2-eddsa-rdfc-2022-didkey.json') });
    expect(offer.storable).toBe(true);
    expect(offer.verification).toMatchObject({ verified: true, validity: 'valid', errors: [] });
    expect(offer.problem).toBeUndefined();
    expect(offer.summary.issuer.id).toMatch(/^did:key:/);
  });

  test('an expired credential with a good signature is storable, with its warning', async () => {
    const offer = await verifyOffer({ credential: vector('ob3-vc2-ed25519signature2020-didkey-EXPIRED.json') });
    expect(offer.storable).toBe(true);
    expect(offer.verification.validity).toBe('expired');
    expect(offer.verification.warnings[0]).toMatch(/expired/);
  });

  test('a tampered credential is named with the reason and not storable', async () => {
    const offer = await verifyOffer({ credential: vector('ob3-vc2-ed25519signature2020-didkey-TAMPERED.json') });
    expect(offer.storable).toBe(false);
    expect(offer.verification.verified).toBe(false);
    expect(offer.problem).toMatch(/^Not stored: .+/);
  });

  test('garbage is not storable', async () => {
    const offer = await verifyOffer({ credential: 'not a credential' });
    expect(offer.storable).toBe(false);
    expect(offer.problem).toMatch(/JSON object/);
  });
});

test('credentialsInPresentations reads objects, arrays and skips junk', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };
  expect(
    credentialsInPresentations({ presentations: [{ verifiableCredential: a }, { verifiableCredential: [b] }, null, {}] }),
  ).toEqual([a, b]);
});

test('credentialsInPresentations refuses more than 50 credentials instead of dropping the rest', () => {
  const vcs = Array.from({ length: 51 }, (_, i) => ({ id: `urn:vc:${i}` }));
  expect(credentialsInPresentations({ presentations: [{ verifiableCredential: vcs.slice(0, 50) }] })).toHaveLength(50);
  expect(() => credentialsInPresentations({ presentations: [{ verifiableCredential: vcs }] })).toThrow(
    expect.objectContaining({ name: 'DataError', message: expect.stringMatching(/51 credentials were offered at once; at most 50/) }),
  );
});
