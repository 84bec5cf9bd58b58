import { describe, expect, it } from 'vitest';
import { parseExchangeReply } from './replies';
import { vector } from './test-support/vectors';

const url = 'https://ex.example/workflows/w/exchanges/1';
const vp = (id: string) => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], id, verifiableCredential: [{ id: `urn:vc:${id}` }] });

describe('parseExchangeReply', () => {
  it('treats empty bodies and {} as complete', () => {
    expect(parseExchangeReply({ body: undefined, url })).toEqual({ presentations: [], emptyRequest: false });
    expect(parseExchangeReply({ body: vector('messages/chapi-io-exchange-empty-object-start-or-complete.json'), url })).toEqual({ presentations: [], emptyRequest: false });
  });

  it('reads a request (credentialQuery array form) and a VP offer', () => {
    const r = parseExchangeReply({ body: vector('messages/chapi-io-exchange-response-vpr-qbe-credentialQuery-array.json'), url });
    expect(r.request?.query).toHaveLength(1);
    const o = parseExchangeReply({ body: vector('messages/chapi-io-exchange-response-vp-offering-credential-SKELETON.json'), url });
    expect(o.presentations).toHaveLength(1);
    expect(o.request).toBeUndefined();
  });

  it('accepts bare VPs, arrays, nested copies and doubly wrapped items', () => {
    expect(parseExchangeReply({ body: vp('a'), url }).presentations).toEqual([vp('a')]);
    expect(parseExchangeReply({ body: [vp('a'), vp('b')], url }).presentations).toEqual([vp('a'), vp('b')]);
    expect(parseExchangeReply({ body: { verifiablePresentation: [vp('a'), { verifiablePresentation: vp('b') }] }, url }).presentations).toEqual([vp('a'), vp('b')]);
    const withCopy = { ...vp('a'), verifiablePresentation: vp('a') };
    expect(parseExchangeReply({ body: { verifiablePresentation: withCopy }, url }).presentations).toEqual([vp('a')]);
    const wrapperOnly = { type: 'VerifiablePresentation', verifiablePresentation: vp('inner') };
    expect(parseExchangeReply({ body: { verifiablePresentation: wrapperOnly }, url }).presentations).toEqual([vp('inner')]);
  });

  it('flags a VP with an empty request as "post {} again"', () => {
    const r = parseExchangeReply({ body: { verifiablePresentation: vp('a'), verifiablePresentationRequest: {} }, url });
    expect(r).toMatchObject({ emptyRequest: true, presentations: [vp('a')] });
    expect(r.request).toBeUndefined();
  });

  it('keeps redirectUrl (ignoring DCC "") and referenceId', () => {
    expect(parseExchangeReply({ body: vector('messages/chapi-io-exchange-response-redirectUrl.json'), url }).redirectUrl).toBe('https://vcapi.example.com/go-here-next');
    expect(parseExchangeReply({ body: { redirectUrl: '' }, url }).redirectUrl).toBeUndefined();
    expect(parseExchangeReply({ body: { referenceId: 'urn:uuid:1', verifiablePresentationRequest: { query: { type: 'DIDAuthentication' } } }, url })).toMatchObject({ referenceId: 'urn:uuid:1', request: { query: { type: 'DIDAuthentication' } } });
  });

  it('answers garbage with DataError', () => {
    for (const body of ['OK', 42, [1, 2], { verifiablePresentation: 'x' }, { verifiablePresentationRequest: [] }, { verifiablePresentationRequest: { query: 'x' } }, { redirectUrl: 5 }, { verifiablePresentation: Array(65).fill(vp('a')) }]) {
      expect(() => parseExchangeReply({ body, url }), JSON.stringify(body).slice(0, 50)).toThrowError(expect.objectContaining({ name: 'DataError' }));
    }
  });
});

describe('offered credential count', () => {
  const vc = (i: number) => ({ id: `urn:vc:${i}` });
  const vpOf = (vcs: unknown[]) => ({ type: 'VerifiablePresentation', verifiableCredential: vcs });
  it('50 credentials are taken; 51 (in one VP or spread over several) are refused, not cut to 50', () => {
    const url = 'https://issuer.example/x';
    expect(parseExchangeReply({ body: { verifiablePresentation: vpOf(Array.from({ length: 50 }, (_, i) => vc(i))) }, url }).presentations).toHaveLength(1);
    const one = { verifiablePresentation: vpOf(Array.from({ length: 51 }, (_, i) => vc(i))) };
    const spread = [vpOf(Array.from({ length: 30 }, (_, i) => vc(i))), vpOf(Array.from({ length: 21 }, (_, i) => vc(i)))];
    for (const body of [one, spread, { verifiablePresentation: spread }]) {
      expect(() => parseExchangeReply({ body, url })).toThrow(expect.objectContaining({
        name: 'DataError', message: expect.stringMatching(/offered 51 credentials in one reply; at most 50 are accepted, so none were taken/),
      }));
    }
  });
});
