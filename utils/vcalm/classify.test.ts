import { describe, expect, it } from 'vitest';
import { classifyText } from './classify';
import { vector } from './test-support/vectors';

describe('classifyText', () => {
  it('finds interaction URLs, bare or wrapped', () => {
    expect(classifyText({ text: '  https://shop.example/i/1?iuv=1 ' })).toMatchObject({ kind: 'interaction-url', url: 'https://shop.example/i/1?iuv=1', origin: 'https://shop.example' });
    expect(classifyText({ text: 'web+interaction:https://shop.example/i/1?iuv=1' })).toMatchObject({ kind: 'interaction-url' });
  });

  it('says why a would-be interaction URL is unusable', () => {
    const c = classifyText({ text: 'http://shop.example/i/1?iuv=1' });
    expect(c).toMatchObject({ kind: 'invalid-interaction-url', error: { name: 'NotAllowedError' } });
    expect(classifyText({ text: 'https://shop.example/i/1?iuv=7' })).toMatchObject({ kind: 'invalid-interaction-url', error: { name: 'NotSupportedError' } });
  });

  it('separates plain URLs, OID4VCI offers and OID4VP requests', () => {
    expect(classifyText({ text: 'https://example.com/page' })).toMatchObject({ kind: 'url', secure: true });
    expect(classifyText({ text: 'http://example.com/page' })).toMatchObject({ kind: 'url', secure: false });
    const protocols = vector('messages/vcalm-interaction-protocols-response.json').protocols;
    expect(classifyText({ text: protocols['oid4vp-1.0'] })).toMatchObject({ kind: 'oid4vp-request', byReference: true });
    expect(classifyText({ text: 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fi.example%2Fo%2F1' })).toMatchObject({ kind: 'oid4vci-offer', byReference: true });
    expect(classifyText({ text: 'https://wallet.example/?credential_offer=%7B%7D' })).toMatchObject({ kind: 'oid4vci-offer', byReference: false });
  });

  it('recognises JSON VPRs (wrapped, bare, CHAPI) with their exchange URL, and VPs', () => {
    const chapi = vector('requests/chapi-get-web-vp-didauth-with-interact.json');
    expect(classifyText({ text: JSON.stringify(chapi) })).toMatchObject({ kind: 'vpr' });
    const dcc = vector('requests/dcc-transaction-service-chapiVPR-didauth-query-object-two-services.json');
    expect(classifyText({ text: JSON.stringify(dcc) })).toMatchObject({
      kind: 'vpr',
      exchangeUrl: 'http://localhost:4005/exchange/993cce5e-58a8-41ce-a055-bef4a8253379/27485032-e0bc-4d74-bb5a-bb778cd7f8e3',
    });
    const msg = vector('messages/vcalm-vcapi-exchange-message-with-vpr-student-id.json');
    expect(classifyText({ text: JSON.stringify(msg) })).toMatchObject({ kind: 'vpr', value: msg.verifiablePresentationRequest });
    const vp = vector('credentials/vp-ed25519signature2020-didauth-didkey-challenge-test123.json');
    expect(classifyText({ text: JSON.stringify(vp) })).toMatchObject({ kind: 'vp', value: vp });
  });

  it('falls back to text for anything else, including broken JSON and huge input', () => {
    expect(classifyText({ text: 'hello world' })).toEqual({ kind: 'text', text: 'hello world' });
    expect(classifyText({ text: '{"query": ' })).toMatchObject({ kind: 'text' });
    expect(classifyText({ text: '{"a": 1}' })).toMatchObject({ kind: 'text' });
    expect(classifyText({ text: 'x'.repeat(200_000) })).toMatchObject({ kind: 'text' });
    expect(() => classifyText({ text: null as unknown as string })).toThrow(TypeError);
  });
});
