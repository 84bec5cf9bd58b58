// issueCredential → verifyCredential: the separate proof / issuer / validity checks.
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader, createSigner, issueCredential, verifyCredential, type WalletKey } from './index';
import { documentLoader } from './document-loader';
import { createSignSuite } from './suites';
import { productCredential, testKeys } from './testing';

let walletKey: WalletKey; // non-extractable WebCrypto
let serverKey: WalletKey; // extractable multibase
let otherKey: WalletKey;

beforeAll(async () => {
  ({ walletKey, serverKey, otherKey } = await testKeys());
});

describe('issueCredential → verifyCredential', () => {
  it('issues with eddsa-rdfc-2022 / assertionMethod and verifies', async () => {
    const vc = await issueCredential({ credential: productCredential(serverKey.did), key: serverKey });
    expect(vc.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: serverKey.verificationMethod,
    });
    const result = await verifyCredential({ credential: vc });
    expect(result).toEqual({
      verified: true,
      issuer: serverKey.did,
      checks: { proof: true, issuer: true, validity: 'valid' },
      cryptosuites: ['eddsa-rdfc-2022'],
      errors: [],
      warnings: [],
    });
  });

  it('fills in a missing issuer, and issues with a non-extractable key too', async () => {
    const vc = await issueCredential({ credential: productCredential(), key: walletKey });
    expect(vc.issuer).toBe(walletKey.did);
    expect((await verifyCredential({ credential: vc })).verified).toBe(true);
  });

  it('gives a VC 1.1 credential its issuanceDate', async () => {
    const vc = await issueCredential({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        credentialSubject: { id: 'did:example:1' },
      },
      key: serverKey,
    });
    expect(vc.issuanceDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await verifyCredential({ credential: vc })).verified).toBe(true);
  });

  it('refuses an issuer that is not the key', async () => {
    await expect(issueCredential({ credential: productCredential(otherKey.did), key: serverKey })).rejects.toMatchObject({
      name: 'DataError',
    });
  });

  it('reports a context it cannot load as NotFoundError', async () => {
    const credential = { ...productCredential(serverKey.did), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://unknown.example/ctx'] };
    await expect(issueCredential({ credential, key: serverKey })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('https://unknown.example/ctx'),
    });
  });

  it('separates proof, issuer and validity checks', async () => {
    const vc = await issueCredential({
      credential: { ...productCredential(serverKey.did), validUntil: '2026-06-01T00:00:00Z' },
      key: serverKey,
    });
    const before = await verifyCredential({ credential: vc, now: '2026-03-01T00:00:00Z' });
    expect(before.verified).toBe(true);
    const after = await verifyCredential({ credential: vc, now: new Date('2026-07-01T00:00:00Z') });
    expect(after).toMatchObject({ verified: false, checks: { proof: true, issuer: true, validity: 'expired' } });
    const early = await verifyCredential({ credential: vc, now: '2025-12-01T00:00:00Z' });
    expect(early.checks.validity).toBe('not-yet-valid');
    const reissued = { ...vc, issuer: otherKey.did };
    const wrongIssuer = await verifyCredential({ credential: reissued, now: '2026-03-01T00:00:00Z' });
    expect(wrongIssuer.checks).toEqual({ proof: false, issuer: false, validity: 'valid' });
  });

  it('tolerates five minutes of clock skew on validFrom, not more', async () => {
    const vc = await issueCredential({ credential: { ...productCredential(serverKey.did), validFrom: '2026-03-01T00:04:00Z' }, key: serverKey });
    expect((await verifyCredential({ credential: vc, now: '2026-03-01T00:00:00Z' })).checks.validity).toBe('valid');
    expect((await verifyCredential({ credential: vc, now: '2026-02-28T23:50:00Z' })).checks.validity).toBe('not-yet-valid');
  });

  it('rejects malformed dates as DataError, when issuing and when verifying', async () => {
    await expect(
      issueCredential({ credential: { ...productCredential(serverKey.did), validUntil: 'soon' }, key: serverKey }),
    ).rejects.toMatchObject({ name: 'DataError', message: expect.stringContaining('validUntil') });
    const vc = await issueCredential({ credential: productCredential(serverKey.did), key: serverKey });
    const result = await verifyCredential({ credential: { ...vc, validUntil: '2030-01-01' } });
    expect(result.verified).toBe(false);
    expect(result.errors).toContainEqual({ name: 'DataError', message: expect.stringContaining('"validUntil"') });
  });

  it('warns that credentialStatus is not checked', async () => {
    const vc = await issueCredential({
      credential: {
        ...productCredential(serverKey.did),
        credentialStatus: { id: 'https://status.example/1#5', type: 'BitstringStatusListEntry' },
      },
      key: serverKey,
    });
    const result = await verifyCredential({ credential: vc });
    expect(result.warnings).toEqual(['credentialStatus (revocation) was not checked.']);
  });

  it('reports an unknown cryptosuite as NotSupportedError, and keeps the other checks', async () => {
    const vc = await issueCredential({ credential: productCredential(serverKey.did), key: serverKey });
    const result = await verifyCredential({ credential: { ...vc, proof: { ...(vc.proof as object), cryptosuite: 'bbs-2023' } } });
    expect(result.verified).toBe(false);
    expect(result.cryptosuites).toEqual(['bbs-2023']);
    expect(result.checks).toEqual({ proof: false, issuer: true, validity: 'valid' });
    expect(result.errors).toEqual([{ name: 'NotSupportedError', message: 'Proof 1 (bbs-2023): unsupported proof type or cryptosuite.' }]);
  });

  it('says enveloped credentials are not supported', async () => {
    const result = await verifyCredential({
      credential: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['EnvelopedVerifiableCredential'],
        id: 'data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.e30.sig',
      },
    });
    expect(result.verified).toBe(false);
    expect(result.errors[0].name).toBe('NotSupportedError');
  });

  it('does not verify a proof set where one proof was added by a stranger', async () => {
    const vc = await issueCredential({ credential: productCredential(serverKey.did), key: serverKey });
    const unsigned = { ...vc };
    delete unsigned.proof;
    const strangerSigned = await jsigs.sign(unsigned, {
      suite: createSignSuite({ cryptosuite: 'eddsa-rdfc-2022', signer: await createSigner({ key: otherKey }) }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
    });
    const both = { ...vc, proof: [vc.proof, strangerSigned.proof] };
    const result = await verifyCredential({ credential: both });
    // both signatures hold, but the issuer does not control the second key
    expect(result.checks).toEqual({ proof: true, issuer: false, validity: 'valid' });
    expect(result.verified).toBe(false);
  });

  it.each([null, 'vc', [], { type: ['VerifiableCredential'] }])('garbage (%j) gives a result, not a throw', async (garbage) => {
    const result = await verifyCredential({ credential: garbage });
    expect(result.verified).toBe(false);
    expect(result.checks.proof).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});

describe('issuers identified by a DID document (not did:key)', () => {
  // a did:web document listing our key in the Ed25519VerificationKey2020 form (and the
  // Multikey form), served offline through createDocumentLoader({documents})
  it.each([
    ['Ed25519Signature2020', 'Ed25519VerificationKey2020'],
    ['eddsa-rdfc-2022', 'Ed25519VerificationKey2020'],
    ['Ed25519Signature2020', 'Multikey'],
    ['eddsa-rdfc-2022', 'Multikey'],
  ] as const)('%s proof, %s verification method', async (cryptosuite, vmType) => {
    const did = 'did:web:brand.example';
    const vmId = `${did}#key-1`;
    const didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [{ id: '#key-1', type: vmType, controller: did, publicKeyMultibase: serverKey.publicKeyMultibase }],
      assertionMethod: [vmId],
    };
    const loader = createDocumentLoader({ documents: { [did]: didDocument } });
    const signer = { ...(await createSigner({ key: serverKey })), id: vmId };
    const vc = await jsigs.sign(
      { ...productCredential(did) },
      { suite: createSignSuite({ cryptosuite, signer }), purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader: loader },
    );
    const result = await verifyCredential({ credential: vc, documentLoader: loader });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ verified: true, issuer: did, checks: { proof: true, issuer: true, validity: 'valid' } });

    // the same key, no longer listed for assertionMethod: the proof purpose fails
    const revoked = createDocumentLoader({ documents: { [did]: { ...didDocument, assertionMethod: [] } } });
    const after = await verifyCredential({ credential: vc, documentLoader: revoked });
    expect(after.checks.proof).toBe(false);
    expect(after.errors.map((e) => e.message).join('\n')).toMatch(/not authorized/);
  });
});
