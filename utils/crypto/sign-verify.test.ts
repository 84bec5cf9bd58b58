import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPresentation,
  createSigner,
  createSigningTask,
  generateDidKey,
  issueCredential,
  signPresentation,
  verifyCredential,
  verifyPresentation,
  type WalletKey,
} from './index';
import { documentLoader } from './document-loader';
import { createSignSuite } from './suites';

const CHALLENGE = 'd2b4f1c0-6d3b-4f7e-9a59-1f0b2c3d4e5f';
const DOMAIN = 'https://issuer.example';

let walletKey: WalletKey; // non-extractable WebCrypto
let serverKey: WalletKey; // extractable multibase
let otherKey: WalletKey;

beforeAll(async () => {
  [walletKey, serverKey, otherKey] = await Promise.all([
    generateDidKey(),
    generateDidKey({ extractable: true }),
    generateDidKey({ extractable: true }),
  ]);
});

const productCredential = (issuer?: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  ...(issuer ? { issuer } : {}),
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:product-1', name: 'Walnut chair' },
});

describe('signPresentation → verifyPresentation round trips', () => {
  for (const cryptosuite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
    for (const which of ['wallet (CryptoKey)', 'server (multibase)'] as const) {
      it(`${cryptosuite}, ${which} key`, async () => {
        const key = which === 'server (multibase)' ? serverKey : walletKey;
        const vp = await signPresentation({
          presentation: createPresentation({ holder: key.did }),
          key,
          challenge: CHALLENGE,
          domain: DOMAIN,
          cryptosuite,
        });
        const proof = vp.proof as Record<string, unknown>;
        expect(proof.proofPurpose).toBe('authentication');
        expect(proof.verificationMethod).toBe(key.verificationMethod);
        expect(proof.challenge).toBe(CHALLENGE);
        expect(proof.domain).toBe(DOMAIN);
        if (cryptosuite === 'eddsa-rdfc-2022') expect(proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite });
        else expect(proof.type).toBe('Ed25519Signature2020');

        const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
        expect(result).toEqual({
          verified: true,
          holder: key.did,
          signer: key.did,
          challenge: CHALLENGE,
          domain: DOMAIN,
          errors: [],
          credentialResults: [],
        });
      });
    }
  }

  it('accepts the suite aliases a VPR uses, and refuses ones we cannot sign', async () => {
    const presentation = createPresentation({ holder: walletKey.did });
    const vp = await signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, cryptosuite: 'ed25519-2020' });
    expect((vp.proof as Record<string, unknown>).type).toBe('Ed25519Signature2020');
    await expect(
      signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, cryptosuite: 'ecdsa-rdfc-2019' }),
    ).rejects.toMatchObject({ name: 'NotSupportedError' });
  });

  it('verifies without a domain when none was signed or expected', async () => {
    const vp = await signPresentation({ presentation: createPresentation({ holder: walletKey.did }), key: walletKey, challenge: CHALLENGE });
    expect((vp.proof as Record<string, unknown>).domain).toBeUndefined();
    expect((await verifyPresentation({ presentation: vp, challenge: CHALLENGE })).verified).toBe(true);
    const expectingDomain = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(expectingDomain.verified).toBe(false);
    expect(expectingDomain.errors[0]).toMatchObject({ name: 'DataError', message: expect.stringContaining('domain') });
  });

  it('does not modify its input', async () => {
    const presentation = createPresentation({ holder: walletKey.did });
    const before = JSON.stringify(presentation);
    await signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, domain: DOMAIN });
    expect(JSON.stringify(presentation)).toBe(before);
  });

  it('refuses to sign for another holder, or to sign twice', async () => {
    await expect(
      signPresentation({ presentation: createPresentation({ holder: otherKey.did }), key: walletKey, challenge: CHALLENGE }),
    ).rejects.toMatchObject({ name: 'DataError' });
    const signed = await signPresentation({ presentation: createPresentation({ holder: walletKey.did }), key: walletKey, challenge: CHALLENGE });
    await expect(signPresentation({ presentation: signed, key: walletKey, challenge: CHALLENGE })).rejects.toMatchObject({ name: 'DataError' });
  });

  it('rejects bad arguments with TypeErrors', async () => {
    const presentation = createPresentation({ holder: walletKey.did });
    await expect(signPresentation({ presentation, key: walletKey, challenge: '' })).rejects.toThrow(TypeError);
    await expect(signPresentation({ presentation, key: {} as WalletKey, challenge: CHALLENGE })).rejects.toThrow(TypeError);
    await expect(signPresentation({ presentation, key: walletKey, challenge: CHALLENGE, domain: '' })).rejects.toThrow(TypeError);
    expect(() => createPresentation({ holder: '' })).toThrow(TypeError);
    await expect(verifyPresentation({ presentation: {}, challenge: '' })).rejects.toThrow(TypeError);
  });
});

describe('verifyPresentation failures', () => {
  let signed: Record<string, unknown>;
  beforeAll(async () => {
    signed = await signPresentation({
      presentation: createPresentation({ holder: walletKey.did }),
      key: walletKey,
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
  });

  it('wrong challenge', async () => {
    const result = await verifyPresentation({ presentation: signed, challenge: 'other', domain: DOMAIN });
    expect(result.verified).toBe(false);
    expect(result.challenge).toBe(CHALLENGE);
    expect(result.errors.map((e) => e.name)).toContain('DataError');
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/challenge/);
  });

  it('wrong domain', async () => {
    const result = await verifyPresentation({ presentation: signed, challenge: CHALLENGE, domain: 'https://evil.example' });
    expect(result.verified).toBe(false);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/domain/);
  });

  it('a domain array that merely contains the expected domain is not exact', async () => {
    // jsonld-signatures only signs string domains; write the array in at signing time
    class ArrayDomainPurpose extends jsigs.purposes.AuthenticationProofPurpose {
      constructor(options: { challenge: string; domain: string }) {
        super(options);
      }
      async update(proof: Record<string, unknown>, options: unknown) {
        const updated = await super.update(proof, options);
        updated.domain = [DOMAIN, 'https://other.example'];
        return updated;
      }
    }
    const vp = await jsigs.sign(createPresentation({ holder: walletKey.did }), {
      suite: createSignSuite({ cryptosuite: 'eddsa-rdfc-2022', signer: await createSigner({ key: walletKey }) }),
      purpose: new ArrayDomainPurpose({ challenge: CHALLENGE, domain: DOMAIN }),
      documentLoader,
    });
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(false);
    // the signature holds and the library would accept it: only the exact-domain check fails
    expect(result.errors).toEqual([{ name: 'DataError', message: expect.stringContaining('is not the expected "https://issuer.example"') }]);
  });

  it('tampered after signing', async () => {
    const tampered = { ...signed, holder: otherKey.did };
    const result = await verifyPresentation({ presentation: tampered, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(false);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/Invalid signature/);
  });

  it('holder ≠ signer, with an otherwise valid signature', async () => {
    // signPresentation refuses this, so sign it one level down
    const vp = await jsigs.sign(createPresentation({ holder: otherKey.did }), {
      suite: createSignSuite({ cryptosuite: 'eddsa-rdfc-2022', signer: await createSigner({ key: walletKey }) }),
      purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: CHALLENGE, domain: DOMAIN }),
      documentLoader,
    });
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(false);
    expect(result.holder).toBe(otherKey.did);
    expect(result.signer).toBe(walletKey.did);
    expect(result.errors).toEqual([{ name: 'DataError', message: expect.stringContaining('holder does not match the signer') }]);
  });

  it('no proof', async () => {
    const result = await verifyPresentation({ presentation: createPresentation({ holder: walletKey.did }), challenge: CHALLENGE });
    expect(result.verified).toBe(false);
    expect(result.errors).toContainEqual({ name: 'DataError', message: 'The presentation has no proof.' });
  });

  it('a proof with the wrong purpose', async () => {
    const vp = { ...signed, proof: { ...(signed.proof as object), proofPurpose: 'assertionMethod' } };
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(false);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/expected "authentication"/);
  });

  it('an unknown cryptosuite is NotSupportedError', async () => {
    const vp = { ...signed, proof: { ...(signed.proof as object), cryptosuite: 'bbs-2023' } };
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(false);
    expect(result.errors.map((e) => e.name)).toContain('NotSupportedError');
  });

  it.each([null, 'text', [], 42])('garbage (%j) gives a result, not a throw', async (garbage) => {
    const result = await verifyPresentation({ presentation: garbage, challenge: CHALLENGE });
    expect(result.verified).toBe(false);
    expect(result.errors[0].name).toBe('DataError');
  });
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

describe('presentations carrying credentials', () => {
  it('verifies every embedded credential', async () => {
    const vc = await issueCredential({ credential: productCredential(serverKey.did), key: serverKey });
    const vp = await signPresentation({
      presentation: createPresentation({ holder: walletKey.did, verifiableCredential: vc }),
      key: walletKey,
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(true);
    expect(result.credentialResults).toHaveLength(1);
    expect(result.credentialResults[0]).toMatchObject({ verified: true, issuer: serverKey.did });
  });

  it('is not verified when one credential is expired, and says which', async () => {
    const good = await issueCredential({ credential: productCredential(serverKey.did), key: serverKey });
    const expired = await issueCredential({
      credential: { ...productCredential(serverKey.did), validUntil: '2026-02-01T00:00:00Z' },
      key: serverKey,
    });
    const vp = await signPresentation({
      presentation: createPresentation({ holder: walletKey.did, verifiableCredential: [good, expired] }),
      key: walletKey,
      challenge: CHALLENGE,
    });
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, now: '2026-03-01T00:00:00Z' });
    expect(result.verified).toBe(false);
    expect(result.signer).toBe(walletKey.did);
    expect(result.credentialResults.map((r) => r.checks.validity)).toEqual(['valid', 'expired']);
    expect(result.errors).toEqual([{ name: 'DataError', message: 'Credential 2 did not verify.' }]);
  });

  it('uses the VC 1.1 context for VC 1.1 credentials and refuses to mix versions', async () => {
    const v1 = await issueCredential({
      credential: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:2' } },
      key: serverKey,
    });
    const presentation = createPresentation({ holder: walletKey.did, verifiableCredential: [v1] });
    expect(presentation['@context']).toEqual(['https://www.w3.org/2018/credentials/v1']);
    const vp = await signPresentation({ presentation, key: walletKey, challenge: CHALLENGE });
    expect((await verifyPresentation({ presentation: vp, challenge: CHALLENGE })).verified).toBe(true);
    const v2 = await issueCredential({ credential: productCredential(serverKey.did), key: serverKey });
    expect(() => createPresentation({ holder: walletKey.did, verifiableCredential: [v1, v2] })).toThrow(
      expect.objectContaining({ name: 'NotSupportedError' }),
    );
  });
});

describe('createSigningTask', () => {
  it('returns a function that signs a fresh, verifiable DID-auth VP each call', async () => {
    const task = createSigningTask({ key: walletKey, challenge: 'c', domain: 'https://d.example' });
    const [a, b] = [await task(), await task()];
    expect(a).not.toBe(b);
    expect((await verifyPresentation({ presentation: a, challenge: 'c', domain: 'https://d.example' })).verified).toBe(true);
    expect(() => createSigningTask({ key: undefined as unknown as WalletKey })).toThrow(TypeError);
  });
});
