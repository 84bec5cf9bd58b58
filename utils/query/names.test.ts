import { describe, expect, it } from 'vitest';
import { domainMatchesOrigin } from './domain';
import { credentialCryptosuites, normalizeCryptosuiteName, readCryptosuites, readDidMethods, readEnvelopes } from './names';
import { load } from './test-fixtures';

describe('name normalisation', () => {
  it('cryptosuites in every naming', () => {
    expect(['ed25519-2020', 'Ed25519Signature2020', 'ed25519-signature-2020', ' ED25519SIGNATURE2020 '].map(normalizeCryptosuiteName))
      .toEqual(Array(4).fill('Ed25519Signature2020'));
    expect(normalizeCryptosuiteName('eddsa-2022')).toBe('eddsa-rdfc-2022');
    expect(normalizeCryptosuiteName('bbs-2023')).toBe('bbs-2023');
    expect(readCryptosuites([{ cryptosuite: 'ed25519-2020' }, 'eddsa-rdfc-2022', { type: 'Ed25519Signature2020' }, {}, 7]))
      .toEqual(['Ed25519Signature2020', 'eddsa-rdfc-2022']);
    expect(readCryptosuites([])).toBeUndefined();
    expect(readCryptosuites(undefined)).toBeUndefined();
  });

  it('envelopes and DID methods', () => {
    expect(readEnvelopes([{ mediaType: 'application/JWT' }, 'application/vc+sd-jwt'])).toEqual(['application/jwt', 'application/vc+sd-jwt']);
    expect(readDidMethods([{ method: 'key' }, 'did:key', 'did:web', { method: 'DID:Example' }])).toEqual(['key', 'web', 'example']);
    expect(readDidMethods(undefined)).toEqual([]);
  });

  it('credential proof suites, including proof sets and legacy proof types', () => {
    expect(credentialCryptosuites(load('credentials/ob3-vc2-two-proofs-eddsa-and-ed25519sig2020-didkey.json')))
      .toEqual(['eddsa-rdfc-2022', 'Ed25519Signature2020']);
    expect(credentialCryptosuites(load('credentials/eddsa-rdfc-2022-proof-chain-signed.json'))).toEqual(['eddsa-rdfc-2022']);
    expect(credentialCryptosuites(load('credentials/alumni-unsigned.json'))).toEqual([]);
    expect(credentialCryptosuites('x')).toEqual([]);
  });
});

describe('domainMatchesOrigin', () => {
  it('host, URL and redirect_uri forms', () => {
    expect(domainMatchesOrigin({ domain: 'edu.example', origin: 'https://edu.example' })).toBe(true);
    expect(domainMatchesOrigin({ domain: 'https://issuer.example.com', origin: 'https://issuer.example.com/x' })).toBe(true);
    expect(domainMatchesOrigin({ domain: 'http://localhost:4005', origin: 'http://localhost:4005' })).toBe(true);
    expect(domainMatchesOrigin({ domain: 'localhost:4005', origin: 'http://localhost:4005' })).toBe(true);
    expect(domainMatchesOrigin({ domain: 'redirect_uri:https://domain.example', origin: 'https://domain.example' })).toBe(true);
    expect(domainMatchesOrigin({ domain: 'jobs.example.com', origin: 'https://evil.example' })).toBe(false);
    expect(domainMatchesOrigin({ domain: 'https://edu.example', origin: 'http://edu.example' })).toBe(false);
    expect(domainMatchesOrigin({ domain: undefined, origin: 'https://edu.example' })).toBeUndefined();
    expect(() => domainMatchesOrigin({ domain: 'x', origin: 'nope' })).toThrow(TypeError);
  });
});
