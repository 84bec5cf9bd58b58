// verifyPresentation: every way a presentation must fail, and embedded credentials.
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, createSigner, issueCredential, signPresentation, verifyPresentation, type WalletKey } from './index';
import { documentLoader } from './document-loader';
import { createSignSuite } from './suites';
import { CHALLENGE, DOMAIN, productCredential, testKeys } from './testing';

let walletKey: WalletKey; // non-extractable WebCrypto
let serverKey: WalletKey; // extractable multibase
let otherKey: WalletKey;

beforeAll(async () => {
  ({ walletKey, serverKey, otherKey } = await testKeys());
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

  it('too many proofs are refused before any is checked', async () => {
    const vp = { ...signed, proof: Array.from({ length: 17 }, () => signed.proof) };
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(false);
    expect(result.errors).toContainEqual({ name: 'DataError', message: 'The presentation has 17 proofs; at most 16 are checked.' });
  });

  it('keeps an attacker-sized challenge out of the error message', async () => {
    const huge = 'x'.repeat(100_000);
    const vp = { ...signed, proof: { ...(signed.proof as object), challenge: huge } };
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN });
    expect(result.verified).toBe(false);
    const message = result.errors.find((e) => e.message.startsWith("The proof's challenge"))?.message ?? '';
    expect(message.length).toBeLessThan(300);
  });

  it('keeps a validly signed huge challenge out of the library error message too', async () => {
    const huge = 'y'.repeat(100_000);
    // the wallet's signPresentation refuses such a challenge; another signer need not
    const vp = await jsigs.sign(createPresentation({ holder: walletKey.did }), {
      suite: createSignSuite({ cryptosuite: 'eddsa-rdfc-2022', signer: await createSigner({ key: walletKey }) }),
      purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: huge }),
      documentLoader,
    });
    const result = await verifyPresentation({ presentation: vp, challenge: CHALLENGE });
    expect(result.verified).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) expect(error.message.length).toBeLessThan(400);
  });

  it('an expired proof (proof.expires in the past)', async () => {
    class ExpiringPurpose extends jsigs.purposes.AuthenticationProofPurpose {
      constructor(options: { challenge: string }) {
        super(options);
      }
      async update(proof: Record<string, unknown>, options: unknown) {
        const updated = await super.update(proof, options);
        updated.expires = '2026-02-01T00:00:00Z';
        return updated;
      }
    }
    const vp = await jsigs.sign(createPresentation({ holder: walletKey.did }), {
      suite: createSignSuite({ cryptosuite: 'eddsa-rdfc-2022', signer: await createSigner({ key: walletKey }) }),
      purpose: new ExpiringPurpose({ challenge: CHALLENGE }),
      documentLoader,
    });
    expect((await verifyPresentation({ presentation: vp, challenge: CHALLENGE, now: '2026-01-15T00:00:00Z' })).verified).toBe(true);
    const late = await verifyPresentation({ presentation: vp, challenge: CHALLENGE, now: '2026-03-01T00:00:00Z' });
    expect(late.verified).toBe(false);
    expect(late.errors).toContainEqual({ name: 'DataError', message: 'Proof 1 (eddsa-rdfc-2022): the proof expired at 2026-02-01T00:00:00Z.' });
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
