import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedCryptosuiteNames, normalizeCryptosuite, pickCryptosuite } from './index';

describe('normalizeCryptosuite', () => {
  it.each([
    ['eddsa-rdfc-2022', 'eddsa-rdfc-2022'],
    [' EdDSA-RDFC-2022 ', 'eddsa-rdfc-2022'],
    ['Ed25519Signature2020', 'Ed25519Signature2020'],
    ['ed25519-signature-2020', 'Ed25519Signature2020'],
    ['ed25519-2020', 'Ed25519Signature2020'],
    ['ecdsa-rdfc-2019', 'ecdsa-rdfc-2019'],
    ['eddsa-jcs-2022', 'eddsa-jcs-2022'],
    ['SomethingNew2030', 'SomethingNew2030'],
  ])('%s → %s', (name, expected) => {
    expect(normalizeCryptosuite({ name })).toBe(expected);
  });

  it('rejects a non-string', () => {
    expect(() => normalizeCryptosuite({ name: 3 as unknown as string })).toThrow(TypeError);
  });
});

describe('pickCryptosuite', () => {
  it('defaults to eddsa-rdfc-2022 when the request names none', () => {
    expect(pickCryptosuite({ accepted: undefined })).toBe('eddsa-rdfc-2022');
    expect(pickCryptosuite()).toBe('eddsa-rdfc-2022');
    expect(pickCryptosuite({ accepted: [] })).toBe('eddsa-rdfc-2022');
  });

  it.each([
    [[{ cryptosuite: 'eddsa-rdfc-2022' }], 'eddsa-rdfc-2022'],
    [['eddsa-rdfc-2022'], 'eddsa-rdfc-2022'],
    ['eddsa-rdfc-2022', 'eddsa-rdfc-2022'],
    [[{ cryptosuite: 'Ed25519Signature2020' }], 'Ed25519Signature2020'],
    [['ed25519-signature-2020'], 'Ed25519Signature2020'],
    [[{ cryptosuite: 'ed25519-2020' }], 'Ed25519Signature2020'],
    [[{ type: 'Ed25519Signature2020' }], 'Ed25519Signature2020'],
    // we cannot sign ecdsa-rdfc-2019: skip it and take the next acceptable one
    [[{ cryptosuite: 'ecdsa-rdfc-2019' }, { cryptosuite: 'Ed25519Signature2020' }], 'Ed25519Signature2020'],
    // the request's order wins
    [['Ed25519Signature2020', 'eddsa-rdfc-2022'], 'Ed25519Signature2020'],
  ])('%j → %s', (accepted, expected) => {
    expect(pickCryptosuite({ accepted })).toBe(expected);
  });

  it('throws NotSupportedError when nothing overlaps, naming what was asked', () => {
    expect(() => pickCryptosuite({ accepted: [{ cryptosuite: 'ecdsa-rdfc-2019' }] })).toThrow(
      expect.objectContaining({ name: 'NotSupportedError', message: expect.stringContaining('ecdsa-rdfc-2019') }),
    );
    expect(() => pickCryptosuite({ accepted: [{ nothing: 1 }] })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });

  // the first acceptedCryptosuites found in each request vector
  const acceptedIn = (file: string): unknown => {
    const doc = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../testdata/vectors/requests', file), 'utf8'));
    let found: unknown;
    (function walk(x: unknown) {
      if (found !== undefined || !x || typeof x !== 'object') return;
      if ('acceptedCryptosuites' in x) found = (x as Record<string, unknown>).acceptedCryptosuites;
      else Object.values(x).forEach(walk);
    })(doc);
    return found;
  };

  it.each([
    ['vcalm-oas-didauth-plus-qbe-with-interact-service.json', 'eddsa-rdfc-2022'],
    ['vcalm-workflow-didauth-query-as-object-nonstandard-suite-name.json', 'eddsa-rdfc-2022'],
  ])('request vector %s → %s', (file, expected) => {
    expect(pickCryptosuite({ accepted: acceptedIn(file) })).toBe(expected);
  });

  it('normalizes the nonstandard suite name in the workflow vector', () => {
    const accepted = acceptedIn('vcalm-workflow-didauth-query-as-object-nonstandard-suite-name.json');
    expect(acceptedCryptosuiteNames({ accepted })).toEqual(['eddsa-rdfc-2022', 'Ed25519Signature2020']);
  });

  it('cannot answer the ecdsa-only DIDAuth request vector', () => {
    const accepted = acceptedIn('vcalm-didauth-acceptedMethods-acceptedCryptosuites.json');
    expect(() => pickCryptosuite({ accepted })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });
});
