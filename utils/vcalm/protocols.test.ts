import { describe, expect, it } from 'vitest';
import { checkProtocols, pickVcapi } from './protocols';
import { vector } from './test-support/vectors';

const url = 'https://shop.example/i/1?iuv=1';

describe('checkProtocols', () => {
  it('keeps every protocol from the spec example, and picks vcapi', () => {
    const body = vector('messages/vcalm-interaction-protocols-response.json');
    const { protocols, warnings } = checkProtocols({ body, url });
    expect(protocols).toEqual(body.protocols);
    expect(warnings).toEqual([]);
    expect(pickVcapi({ protocols })).toBe('https://saas.example/workflows/123/exchanges/987');
  });

  it('keeps the deprecated OID4VCI key and warns about shapes that do not fit', () => {
    const { protocols, warnings } = checkProtocols({ body: vector('messages/chapi-io-protocols-vcapi-OID4VCI.json'), url });
    expect(protocols.OID4VCI).toBe('openid-credential-offer://?...');
    expect(warnings).toEqual([]);
    const odd = checkProtocols({ body: { protocols: { vcapi: 'ftp://x', 'oid4vp-1.0': 'https://x.example/', interact: 'https://x.example/no-iuv' } }, url });
    expect(odd.warnings).toHaveLength(3);
    expect(Object.keys(odd.protocols)).toEqual(['vcapi', 'oid4vp-1.0', 'interact']);
  });

  it('drops non-string entries (except DCC\'s VPR) with a warning, and refuses non-protocol bodies', () => {
    const { protocols, warnings } = checkProtocols({ body: { protocols: { vcapi: 'https://x.example/e', weird: { a: 1 }, list: [1], verifiablePresentationRequest: { query: {} } } }, url });
    expect(Object.keys(protocols)).toEqual(['vcapi', 'verifiablePresentationRequest']);
    expect(warnings).toHaveLength(2);
    for (const body of [undefined, '<html>', { protocols: [] }, { protocols: {} }, { vcapi: 'https://x' }]) {
      expect(() => checkProtocols({ body, url })).toThrowError(expect.objectContaining({ name: 'DataError' }));
    }
  });
});
