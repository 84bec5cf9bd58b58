// What the wallet shows and stores is exactly what was signed: content added after signing that
// JSON-LD would skip (a "__proto__" key, a term no @context defines) is refused with a named
// error, never reported as verified.
import { beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, issueCredential, signPresentation, verifyCredential, verifyPresentation, type WalletKey } from './index';
import { CHALLENGE, DOMAIN, testKeys } from './testing';

let serverKey: WalletKey;
let walletKey: WalletKey;
let v1: Record<string, unknown>;
let v2: Record<string, unknown>;

beforeAll(async () => {
  ({ serverKey, walletKey } = await testKeys());
  const subject = { id: 'did:example:product-1' };
  v1 = await issueCredential({
    credential: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: subject },
    key: serverKey,
  });
  v2 = await issueCredential({
    credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], credentialSubject: subject },
    key: serverKey,
  });
});

/** The signed JSON with `insert` spliced in after `at` (the text a hostile server would send). */
function tamper(vc: Record<string, unknown>, at: string, insert: string): Record<string, unknown> {
  const text = JSON.stringify(vc);
  expect(text).toContain(at);
  return JSON.parse(text.replace(at, `${at}${insert},`)) as Record<string, unknown>;
}

describe('content added after signing', () => {
  it('the untampered credentials verify', async () => {
    expect((await verifyCredential({ credential: v1 })).verified).toBe(true);
    expect((await verifyCredential({ credential: v2 })).verified).toBe(true);
  });

  const cases: [string, string, string][] = [
    ['"__proto__" at the top', '{', '"__proto__":{"name":"Mallory"}'],
    ['"__proto__" in credentialSubject', '"credentialSubject":{', '"__proto__":{"name":"Mallory"}'],
    ['"constructor" in credentialSubject', '"credentialSubject":{', '"constructor":{"name":"Mallory"}'],
    ['"prototype" at the top', '{', '"prototype":"Mallory"'],
  ];
  for (const [label, at, insert] of cases) {
    for (const version of ['v1', 'v2'] as const) {
      it(`${label} (${version}) is a DataError, not verified`, async () => {
        const credential = tamper(version === 'v1' ? v1 : v2, at, insert);
        const result = await verifyCredential({ credential });
        expect(result.verified).toBe(false);
        expect(result.errors).toEqual([expect.objectContaining({ name: 'DataError', message: expect.stringMatching(/"(__proto__|constructor|prototype)" key/) })]);
      });
    }
  }

  it('a term the VC 1.1 context does not define is named as outside the signature', async () => {
    const credential = tamper(v1, '"credentialSubject":{', '"nickname":"Mallory"');
    const result = await verifyCredential({ credential });
    expect(result.verified).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ name: 'DataError', message: expect.stringMatching(/safe mode: "nickname" is not defined by the @context .*not covered by the signature/) }),
    ]);
  });

  it('a VP carrying "__proto__" (on the VP or its credential) is a DataError', async () => {
    const vp = await signPresentation({
      presentation: createPresentation({ holder: walletKey.did, verifiableCredential: [v2] }),
      key: walletKey,
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    expect((await verifyPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN })).verified).toBe(true);
    for (const at of ['{', '"credentialSubject":{']) {
      const tampered = tamper(vp, at, '"__proto__":{"name":"Mallory"}');
      const result = await verifyPresentation({ presentation: tampered, challenge: CHALLENGE, domain: DOMAIN });
      expect(result.verified).toBe(false);
      expect(result.errors[0]).toMatchObject({ name: 'DataError', message: expect.stringContaining('"__proto__" key') });
    }
  });

  it('20,000 levels of nesting is a DataError, not a RangeError', async () => {
    const credential = { ...v2, evidence: JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) };
    const result = await verifyCredential({ credential });
    expect(result.verified).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ name: 'DataError', message: expect.stringMatching(/nests deeper than/) })]);
  });
});
