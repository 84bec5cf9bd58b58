import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { normalizeStoreRequest } from './normalize-store';
import { WebCredential } from './web-credential';

const vectors = resolve(import.meta.dirname, '../../testdata/vectors');
const credential = JSON.parse(readFileSync(resolve(vectors, 'credentials/ob3-vc2-eddsa-rdfc-2022-didkey.json'), 'utf8'));
const vp = (vc: unknown) => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: vc });

describe('normalizeStoreRequest', () => {
  test('a WebCredential with an unsigned VP of one credential (object or array form)', () => {
    const one = normalizeStoreRequest({ credential: new WebCredential('VerifiablePresentation', vp(credential)) });
    expect(one.credentials).toHaveLength(1);
    expect(one.credentials[0]).toEqual(credential);
    const two = normalizeStoreRequest({ credential: new WebCredential('VerifiablePresentation', vp([credential, credential])) });
    expect(two.credentials).toHaveLength(2);
  });

  test('a plain object of the WebCredential shape (the polyfill\'s class) is accepted', () => {
    const request = normalizeStoreRequest({
      credential: { type: 'web', dataType: 'VerifiablePresentation', data: vp(credential), options: { recommendedHandlerOrigins: ['https://w.example'] } },
    });
    expect(request.recommendedHandlerOrigins).toEqual(['https://w.example']);
  });

  const bad: [string, unknown, RegExp][] = [
    ['nothing', undefined, /"credential" must be a WebCredential/],
    ['wrong type', { type: 'password', dataType: 'VerifiablePresentation', data: vp(credential) }, /"credential\.type" must be "web"/],
    ['wrong dataType', new WebCredential('Foo', vp(credential)), /"credential\.dataType" must be "VerifiablePresentation" \(got "Foo"\)/],
    ['data not an object', new WebCredential('VerifiablePresentation', 'x'), /"credential\.data" must be a VerifiablePresentation object/],
    ['data not a VP', new WebCredential('VerifiablePresentation', { type: ['Foo'] }), /must include "VerifiablePresentation"/],
    ['no credentials', new WebCredential('VerifiablePresentation', vp([])), /at least one credential/],
    ['an enveloped (string) credential', new WebCredential('VerifiablePresentation', vp(['eyJ...'])), /verifiableCredential\[0\]" must be a credential object/],
  ];
  test.each(bad)('%s → TypeError', (_name, credential, message) => {
    expect(() => normalizeStoreRequest({ credential })).toThrow(TypeError);
    expect(() => normalizeStoreRequest({ credential })).toThrow(message);
  });
});

describe('WebCredential', () => {
  test('has the CHAPI shape and checks its arguments', () => {
    const c = new WebCredential('VerifiablePresentation', { a: 1 }, { recommendedHandlerOrigins: ['https://w.example'] });
    expect(c).toMatchObject({ type: 'web', dataType: 'VerifiablePresentation', data: { a: 1 } });
    expect(() => new WebCredential('', {})).toThrow(/"dataType" must be a non-empty string/);
    expect(() => new WebCredential('VerifiablePresentation', {}, null as never)).toThrow(/"options" must be an object/);
    // its options are checked where they are used (the class runs on every page: kept small)
    const bad = new WebCredential('VerifiablePresentation', vp(credential), { recommendedHandlerOrigins: [1] as never });
    expect(() => normalizeStoreRequest({ credential: bad })).toThrow(/"credential\.options\.recommendedHandlerOrigins" must be an array of strings/);
  });
});
