import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapiGetRequest, interactWrapper } from './chapi';
import { createInteractionHost, prefersJson } from './interactions';

const host = createInteractionHost();
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    host.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(418);
        res.end('not mine');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const exchangeUrl = 'https://vc.example/workflows/provenance-issuance/exchanges/z1A2b3';

describe('interaction URL hosting', () => {
  it('answers Accept: application/json with {protocols: {vcapi}}', async () => {
    const { id } = host.add({ exchangeUrl });
    const url = host.interactionUrl({ origin, id });
    expect(url).toBe(`${origin}/interactions/${id}?iuv=1`);
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ protocols: { vcapi: exchangeUrl } });
  });

  it('keeps extra protocols but never lets them replace vcapi', async () => {
    const { id } = host.add({ exchangeUrl, protocols: { OID4VCI: 'openid-credential-offer://x', vcapi: 'https://evil.example/' } });
    const body = await (await fetch(host.interactionUrl({ origin, id }), { headers: { accept: 'application/json' } })).json();
    expect(body.protocols).toEqual({ OID4VCI: 'openid-credential-offer://x', vcapi: exchangeUrl });
  });

  it('serves a browser an HTML page with an inline SVG QR code and the link', async () => {
    const { id } = host.add({ exchangeUrl, title: 'Bag <b>credential</b>' });
    const url = host.interactionUrl({ origin, id });
    const response = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<svg role="img"');
    expect(html).toContain(`href="${url}"`);
    expect(html).toContain('Bag &lt;b&gt;credential&lt;/b&gt;');
    expect(html).not.toContain('<b>credential');
    expect(html).not.toContain('<script');
  });

  it('answers an unknown or expired id with 404 (JSON and HTML)', async () => {
    const { id } = host.add({ exchangeUrl, expires: new Date(Date.now() - 1) });
    const json = await fetch(host.interactionUrl({ origin, id }), { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ name: 'NotFoundError' });
    expect(host.get({ id })).toBeUndefined();
    const malformed = await fetch(`${origin}/interactions/%E0%A4%A?iuv=1`, { headers: { accept: 'application/json' } });
    expect(malformed.status).toBe(404);
    const page = await fetch(`${origin}/interactions/nope?iuv=1`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('expired');
  });

  it('refuses other iuv versions and other methods', async () => {
    const { id } = host.add({ exchangeUrl });
    const v2 = await fetch(`${origin}/interactions/${id}?iuv=2`, { headers: { accept: 'application/json' } });
    expect(v2.status).toBe(400);
    expect(await v2.json()).toMatchObject({ name: 'NotSupportedError' });
    const post = await fetch(host.interactionUrl({ origin, id }), { method: 'POST', headers: { accept: 'application/json' } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves other paths to the caller', async () => {
    const response = await fetch(`${origin}/elsewhere`);
    expect(response.status).toBe(418);
  });

  it('validates what it is given', () => {
    expect(() => host.add({ exchangeUrl: 'javascript:alert(1)' })).toThrow(TypeError);
    expect(() => host.add({ exchangeUrl, id: '../etc' })).toThrow(TypeError);
    expect(() => createInteractionHost({ pathPrefix: 'x' })).toThrow(TypeError);
  });

  it('forgets the oldest interactions past its capacity', () => {
    const small = createInteractionHost({ maxInteractions: 2 });
    const a = small.add({ exchangeUrl });
    small.add({ exchangeUrl });
    small.add({ exchangeUrl });
    expect(small.get({ id: a.id })).toBeUndefined();
  });
});

describe('content negotiation', () => {
  it('prefers JSON only when JSON is asked for at least as strongly as HTML', () => {
    expect(prefersJson('application/json')).toBe(true);
    expect(prefersJson('application/json, text/plain, */*')).toBe(true);
    expect(prefersJson('application/ld+json')).toBe(true);
    expect(prefersJson('text/html,application/xhtml+xml,*/*;q=0.8')).toBe(false);
    expect(prefersJson('text/html;q=0.5, application/json')).toBe(true);
    expect(prefersJson('*/*')).toBe(false);
    expect(prefersJson(undefined)).toBe(false);
  });
});

describe('CHAPI wrappers', () => {
  it('wraps an exchange URL as interact.service plus protocols', () => {
    expect(interactWrapper({ exchangeUrl })).toEqual({
      VerifiablePresentation: { interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: exchangeUrl }] } },
      protocols: { vcapi: exchangeUrl },
    });
    expect(() => interactWrapper({ exchangeUrl: 'data:text/html,x' })).toThrow(TypeError);
  });

  it('builds a navigator.credentials.get request with a DIDAuthentication query', () => {
    const request = chapiGetRequest({ exchangeUrl, challenge: 'z1A2b3', domain: 'https://vc.example' });
    expect(request.web.VerifiablePresentation).toMatchObject({
      query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }],
      challenge: 'z1A2b3',
      domain: 'https://vc.example',
      interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: exchangeUrl }] },
    });
    expect(request.web.protocols).toEqual({ vcapi: exchangeUrl });
    expect(() => chapiGetRequest({ exchangeUrl, challenge: '', domain: 'x' })).toThrow('"challenge" must be a non-empty string.');
  });
});
