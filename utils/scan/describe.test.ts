import { describe, expect, test } from 'vitest';
import { classifyText } from '../vcalm/classify';
import { describeClassification } from './describe';
import { exchangeSourceFor } from '../messaging/exchange-source';

describe('a found value in words', () => {
  test.each([
    ['https://shop.example/i/1?iuv=1', 'interaction-url', /^Interaction$/, 'ok'],
    ['https://shop.example/i/1?iuv=2', 'invalid-interaction-url', /Unusable/, 'error'],
    ['https://shop.example/about', 'url', /plain link/, 'muted'],
    ['openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fi.example%2Fo', 'oid4vci-offer', /OpenID4VCI/, 'warning'],
    ['openid4vp://?request_uri=https%3A%2F%2Fv.example%2Fr&client_id=x', 'oid4vp-request', /OpenID4VP/, 'warning'],
    ['{"@context":[],"type":"VerifiablePresentation"}', 'vp', /verifiable presentation/, 'warning'],
    ['{"query":[{"type":"DIDAuthentication"}],"challenge":"c"}', 'vpr', /presentation request/, 'warning'],
    ['hello there', 'text', /^Text$/, 'muted'],
  ])('%s → %s', (text, kind, label, tone) => {
    const classification = classifyText({ text });
    expect(classification.kind).toBe(kind);
    const described = describeClassification({ classification });
    expect(described.label).toMatch(label);
    expect(described.tone).toBe(tone);
    expect(described.detail.length).toBeGreaterThan(0);
  });

  test('the exchange source follows how the value was first found', () => {
    expect(exchangeSourceFor({ item: { sources: ['link', 'image'] } })).toBe('page');
    expect(exchangeSourceFor({ item: { sources: ['text'] } })).toBe('page');
    expect(exchangeSourceFor({ item: { sources: ['image', 'link'] } })).toBe('qr');
    expect(exchangeSourceFor({ item: { sources: ['menu'] } })).toBe('qr');
    expect(exchangeSourceFor({ item: { sources: ['screenshot'] } })).toBe('screenshot');
    expect(exchangeSourceFor({ item: { sources: ['upload'] } })).toBe('image');
  });
});
