// Every entry form → the engine that runs it (and the errors for what cannot run).
import { describe, expect, it } from 'vitest';
import { classifyText, entryTextOf } from './classify';
import { pickProtocol, planEntry, protocolOfKey, readProtocolName } from './entry';
import { startScriptedServer } from './test-support/scripted-server';
import { vector } from './test-support/vectors';

const exchangeUrl = 'https://ws.example/workflows/w1/exchanges/e1';
const oid4vp = 'openid4vp://?client_id=redirect_uri%3Ahttps%3A%2F%2Fws.example%2Fr&request_uri=https%3A%2F%2Fws.example%2Frq&request_uri_method=post';
const lcwProtocols = `https://lcw.app/request?request=${encodeURIComponent(JSON.stringify({ protocols: { vcapi: exchangeUrl, OID4VP: oid4vp } }))}`;
const lcwDirect = `https://lcw.app/request.html?issuer=issuer.example&auth_type=bearer&challenge=c1&vc_request_url=${encodeURIComponent(exchangeUrl)}`;

describe('entry forms', () => {
  it('classifies wallet deep links, dccrequest:// links and bare exchange URLs', () => {
    expect(classifyText({ text: lcwProtocols })).toMatchObject({ kind: 'deep-link', protocols: { vcapi: exchangeUrl, OID4VP: oid4vp } });
    expect(classifyText({ text: lcwDirect })).toEqual({ kind: 'exchange-url', url: exchangeUrl, origin: 'https://ws.example', via: 'deep-link' });
    expect(classifyText({ text: lcwDirect.replace('https://lcw.app/request.html', 'dccrequest://request') })).toMatchObject({ kind: 'exchange-url', url: exchangeUrl });
    expect(classifyText({ text: exchangeUrl })).toEqual({ kind: 'exchange-url', url: exchangeUrl, origin: 'https://ws.example' });
    expect(classifyText({ text: `${exchangeUrl}/protocols` })).toMatchObject({ kind: 'url' });
    // the DCC service's whole setup reply: its lcw and directDeepLink entries
    const [dcc] = vector('messages/dcc-transaction-service-exchange-setup-response.json');
    for (const key of ['directDeepLink', 'vprDeepLink']) {
      expect(classifyText({ text: dcc[key] }), key).toMatchObject({ kind: 'exchange-url', via: 'deep-link', url: expect.stringMatching(/^http:\/\/localhost:4005\/exchange\//) });
    }
    expect(entryTextOf(classifyText({ text: JSON.stringify(dcc.chapiVPR) }))).toBeDefined();
  });

  it('plans each form onto an engine, vcapi preferred, another protocol on request', async () => {
    expect(await planEntry({ text: oid4vp })).toEqual({ engine: 'oid4vp', uri: oid4vp });
    expect(await planEntry({ text: exchangeUrl })).toEqual({ engine: 'vcapi', exchangeUrl });
    expect(await planEntry({ text: lcwDirect })).toEqual({ engine: 'vcapi', exchangeUrl });
    expect(await planEntry({ text: lcwProtocols })).toMatchObject({ engine: 'vcapi', exchangeUrl, offered: { OID4VP: oid4vp } });
    expect(await planEntry({ text: lcwProtocols, protocol: 'oid4vp' })).toMatchObject({ engine: 'oid4vp', uri: oid4vp });
    expect(await planEntry({ text: 'https://shop.example/i/1?iuv=1' })).toEqual({ engine: 'vcapi', interactionUrl: 'https://shop.example/i/1?iuv=1' });
    const vpr = JSON.stringify({ query: [{ type: 'DIDAuthentication' }], interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: exchangeUrl }] } });
    expect(await planEntry({ text: vpr })).toEqual({ engine: 'vcapi', exchangeUrl });
    expect(await planEntry({ text: entryTextOf(classifyText({ text: vpr }))! })).toEqual({ engine: 'vcapi', exchangeUrl });
    expect(await planEntry({ text: 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fi.example%2Fo' })).toMatchObject({ engine: 'oid4vci' });
  });

  it('discovers an interaction URL to run the protocol picked, and names what is not offered', async () => {
    const server = await startScriptedServer({
      routes: { 'GET /i?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/x`, 'oid4vp-1.0': oid4vp } } }) },
    });
    try {
      expect(await planEntry({ text: `${server.url}/i?iuv=1`, protocol: 'oid4vp' }))
        .toMatchObject({ engine: 'oid4vp', uri: oid4vp, interactionUrl: `${server.url}/i?iuv=1` });
      await expect(planEntry({ text: `${server.url}/i?iuv=1`, protocol: 'oid4vci' })).rejects.toMatchObject({ name: 'NotSupportedError' });
    } finally {
      await server.close();
    }
  });

  it('refuses what it cannot run, by name', async () => {
    await expect(planEntry({ text: 'https://example.com/about' })).rejects.toMatchObject({ name: 'DataError' });
    await expect(planEntry({ text: 'hello' })).rejects.toMatchObject({ name: 'DataError' });
    await expect(planEntry({ text: 'http://shop.example/i?iuv=1' })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(planEntry({ text: exchangeUrl, protocol: 'oid4vp' })).rejects.toMatchObject({ name: 'NotSupportedError' });
    expect(() => pickProtocol({ protocols: { didcomm: 'x' }, from: 'x' })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
    expect(protocolOfKey('oid4vp-draft18')).toBe('oid4vp');
    expect(protocolOfKey('OID4VCI')).toBe('oid4vci');
    expect(readProtocolName('OID4VP')).toBe('oid4vp');
    expect(() => readProtocolName('didcomm')).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });
});
