import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isWebGetOptions, normalizeGetRequest } from './normalize-get';

const vectors = resolve(import.meta.dirname, '../../testdata/vectors');
const load = (path: string) => JSON.parse(readFileSync(resolve(vectors, path), 'utf8'));

describe('normalizeGetRequest', () => {
  test('the CHAPI QueryByExample example: one query (object form), challenge and domain kept', () => {
    const { web } = load('requests/chapi-get-web-vp-qbe-credentialQuery-object.json');
    const request = normalizeGetRequest({ web });
    expect(request.queries).toHaveLength(1);
    expect(request.queries[0].type).toBe('QueryByExample');
    expect(request.challenge).toBe('3182bdea-63d9-11ea-b6de-3b7c1404d57f');
    expect(request.domain).toBe('jobs.example.com');
    expect(request.exchange).toBeUndefined();
    expect(request.recommendedHandlerOrigins).toEqual(['https://wallet.example']);
  });

  test('interact.service with an https endpoint becomes the exchange to run', () => {
    const { web } = load('requests/chapi-get-web-vp-didauth-with-interact.json');
    const request = normalizeGetRequest({ web });
    expect(request.exchange).toEqual({
      protocol: 'vcapi',
      url: 'https://example.edu/exchangers/z238348134/exchanges/z872347234',
      via: 'interact.service[0] (UnmediatedPresentationService2021)',
    });
  });

  test('the DCC request: VerifiableCredentialApiExchangeService on loopback http; CredentialHandlerService kept aside', () => {
    const vpr = load('requests/dcc-transaction-service-chapiVPR-didauth-query-object-two-services.json');
    const request = normalizeGetRequest({ web: { VerifiablePresentation: vpr } });
    expect(request.exchange?.url).toMatch(/^http:\/\/localhost:4005\/exchange\//);
    expect(request.otherServices).toEqual(['CredentialHandlerService']);
  });

  test('protocols.vcapi alone names the exchange; no query or challenge needed then', () => {
    const request = normalizeGetRequest({
      web: { VerifiablePresentation: {}, protocols: { vcapi: 'https://svc.example/exchanges/1', OID4VP: 'openid4vp://x' } },
    });
    expect(request.exchange).toEqual({ protocol: 'vcapi', url: 'https://svc.example/exchanges/1', via: 'protocols.vcapi' });
    expect(request.protocols.OID4VP).toBe('openid4vp://x');
  });

  test('only OpenID protocols: OID4VP (any spelling) runs before OID4VCI; no query or challenge needed', () => {
    const vp = 'openid4vp://?client_id=redirect_uri%3Ahttps%3A%2F%2Fv.example%2Fr&request_uri=https%3A%2F%2Fv.example%2Fq';
    const offer = 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fi.example%2Fo';
    for (const key of ['OID4VP', 'oid4vp-1.0', 'oid4vp-draft18']) {
      const request = normalizeGetRequest({ web: { VerifiablePresentation: {}, protocols: { 'oid4vci-1.0': offer, [key]: vp } } });
      expect(request.exchange).toEqual({ protocol: 'oid4vp', url: vp, via: `protocols.${key}` });
    }
    for (const key of ['OID4VCI', 'oid4vci-1.0']) {
      expect(normalizeGetRequest({ web: { VerifiablePresentation: {}, protocols: { [key]: offer, didcomm: 'x' } } }).exchange)
        .toEqual({ protocol: 'oid4vci', url: offer, via: `protocols.${key}` });
    }
    // vcapi and an interact service both come before any OpenID protocol, as in the popup
    expect(normalizeGetRequest({ web: { VerifiablePresentation: {}, protocols: { OID4VP: vp, vcapi: 'https://svc.example/x' } } }).exchange?.protocol).toBe('vcapi');
    // a protocol the wallet does not run still leaves the request needing a query
    expect(() => normalizeGetRequest({ web: { VerifiablePresentation: { challenge: 'c' }, protocols: { didcomm: 'x' } } })).toThrow(/query" is required/);
  });

  test('every query of an array is kept', () => {
    const vpr = load('requests/chapi-io-qbe-three-queries-no-groups-multi-credential.json');
    const request = normalizeGetRequest({ web: { VerifiablePresentation: { ...vpr, challenge: 'c' } } });
    expect(request.queries.length).toBe(Array.isArray(vpr.query) ? vpr.query.length : 1);
    expect(request.queries.length).toBeGreaterThan(1);
  });

  test('the result is a detached JSON copy', () => {
    const web = { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, challenge: 'abc' } };
    const request = normalizeGetRequest({ web });
    web.VerifiablePresentation.challenge = 'changed';
    expect(request.challenge).toBe('abc');
    expect(request.presentationRequest.challenge).toBe('abc');
  });

  const bad: [string, unknown, RegExp][] = [
    ['web not an object', 'x', /"options\.web" must be an object/],
    ['no VerifiablePresentation', {}, /"options\.web\.VerifiablePresentation" is required/],
    ['VerifiablePresentation a string', { VerifiablePresentation: 'x' }, /must be an object/],
    ['unknown key', { VerifiablePresentation: {}, foo: 1 }, /"options\.web\.foo" is not supported/],
    ['query without type', { VerifiablePresentation: { query: [{}], challenge: 'c' } }, /query\[0\]\.type" must be a string/],
    ['query a number', { VerifiablePresentation: { query: 5, challenge: 'c' } }, /"options\.web\.VerifiablePresentation\.query" must be an object/],
    ['no query and no exchange', { VerifiablePresentation: { challenge: 'c' } }, /query" is required when the request names no exchange/],
    ['no challenge', { VerifiablePresentation: { query: { type: 'DIDAuthentication' } } }, /challenge" is required/],
    ['challenge a number', { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, challenge: 42 } }, /challenge" must be a non-empty string/],
    ['empty domain', { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, challenge: 'c', domain: '' } }, /domain" must be a non-empty string/],
    ['plain http exchange off loopback', {
      VerifiablePresentation: { interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: 'http://svc.example/x' }] } },
    }, /serviceEndpoint" must be an https URL/],
    ['services not an array', { VerifiablePresentation: { interact: { service: {} } } }, /interact\.service" must be an array/],
    ['protocols not strings', { VerifiablePresentation: {}, protocols: { vcapi: 1 } }, /protocols\.vcapi" must be a URL string/],
    ['an OID4VP protocol that is not a link', { VerifiablePresentation: {}, protocols: { OID4VP: 'not a link' } }, /protocols\.OID4VP" must be an openid4vp:\/\/ link/],
    ['recommendedHandlerOrigins not strings', { VerifiablePresentation: {}, recommendedHandlerOrigins: [1] }, /must be an array of at most 20 strings/],
  ];
  test.each(bad)('%s → TypeError that says what is wrong', (_name, web, message) => {
    expect(() => normalizeGetRequest({ web })).toThrow(TypeError);
    expect(() => normalizeGetRequest({ web })).toThrow(message);
  });

  test('cycles and oversize requests are TypeErrors, not crashes', () => {
    const cyclic: Record<string, unknown> = { query: { type: 'DIDAuthentication' }, challenge: 'c' };
    cyclic.self = cyclic;
    expect(() => normalizeGetRequest({ web: { VerifiablePresentation: cyclic } })).toThrow(/must be plain JSON/);
    const huge = { VerifiablePresentation: { query: { type: 'X', pad: 'x'.repeat(300_000) }, challenge: 'c' } };
    expect(() => normalizeGetRequest({ web: huge })).toThrow(/too large/);
  });
});

test('isWebGetOptions tells web requests from the browser\'s own credential types', () => {
  expect(isWebGetOptions({ web: {} })).toBe(true);
  expect(isWebGetOptions({ publicKey: {} })).toBe(false);
  expect(isWebGetOptions({ password: true })).toBe(false);
  expect(isWebGetOptions(undefined)).toBe(false);
});
