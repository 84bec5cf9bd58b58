import { describe, expect, it } from 'vitest';
import { checkOffer, isCredentialOfferLink, parseCredentialOffer } from './offer';

const offer = {
  credential_issuer: 'https://issuer.example/tenant',
  credential_configuration_ids: ['Product_ldp_vc'],
  grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'abc', tx_code: { length: 4 } } },
};

describe('parseCredentialOffer', () => {
  it('reads an offer by value from openid-credential-offer:// and from an https link', () => {
    const byValue = parseCredentialOffer({ url: `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}` });
    expect(byValue).toMatchObject({ source: 'value', origin: 'https://issuer.example', offer: { credential_configuration_ids: ['Product_ldp_vc'] } });
    const https = parseCredentialOffer({ url: `https://wallet.example/offer?credential_offer=${encodeURIComponent(JSON.stringify(offer))}` });
    expect(https.offer?.credential_issuer).toBe('https://issuer.example/tenant');
  });

  it('reads an offer by reference (http only on loopback)', () => {
    const uri = 'http://127.0.0.1:4100/workflows/w/exchanges/e/openid/credential-offer';
    expect(parseCredentialOffer({ url: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(uri)}` }))
      .toEqual({ source: 'reference', offerUri: uri, origin: 'http://127.0.0.1:4100' });
    expect(() => parseCredentialOffer({ url: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent('http://issuer.example/o')}` }))
      .toThrow(expect.objectContaining({ name: 'NotAllowedError' }));
  });

  it('refuses links that are not offers, by name', () => {
    expect(() => parseCredentialOffer({ url: 'openid-credential-offer://' })).toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(() => parseCredentialOffer({ url: 'openid-credential-offer://?credential_offer=%7Bnope' })).toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(() => parseCredentialOffer({ url: `openid-credential-offer://?credential_offer=x&credential_offer_uri=y` })).toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(() => checkOffer({ offer: { ...offer, credential_configuration_ids: [] } })).toThrow(expect.objectContaining({ name: 'DataError' }));
  });

  it('tells offer links from other text without throwing', () => {
    expect(isCredentialOfferLink({ url: 'openid-credential-offer://?credential_offer_uri=x' })).toBe(true);
    expect(isCredentialOfferLink({ url: 'https://a.example/?credential_offer_uri=x' })).toBe(true);
    expect(isCredentialOfferLink({ url: 'https://a.example/exchanges/1?iuv=1' })).toBe(false);
    expect(isCredentialOfferLink({ url: 'not a url' })).toBe(false);
  });

  it('reads draft 11 `credentials` as configuration ids', () => {
    const { credentials: _c, ...rest } = { ...offer, credentials: undefined };
    void _c;
    const draft = { ...rest, credential_configuration_ids: undefined, credentials: ['Product_ldp_vc'] };
    expect(checkOffer({ offer: draft }).credential_configuration_ids).toEqual(['Product_ldp_vc']);
  });
});
