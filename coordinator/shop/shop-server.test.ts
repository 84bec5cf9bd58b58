import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowService } from '../../workflow-service/index';
import { runHolder, startExchange } from '../test-support/holder';
import { startShop, type Shop } from './shop-server';
import { DEMO_PRODUCT } from './product';

let service: Awaited<ReturnType<typeof startWorkflowService>>;
let shop: Shop;
let workflowUrl: string;

beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  workflowUrl = service.workflowUrl('provenance-issuance');
  shop = await startShop({ workflowUrl, token: service.token, host: '127.0.0.1', port: 0, pollIntervalMs: 25 });
});
afterAll(async () => {
  await shop?.close();
  await service?.close();
});

const startSession = (target = shop) =>
  fetch(new URL('/api/sessions', target.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
const status = async (id: string, target = shop) => (await fetch(new URL(`/api/sessions/${id}`, target.url))).json();

describe('demo shop', () => {
  it('serves the product page with the button, inline style and script', async () => {
    expect(shop.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(shop.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('>Get authenticity credential</button>');
    expect(html).toContain(DEMO_PRODUCT.name);
    expect(html).toContain(DEMO_PRODUCT.sku);
    expect(html).toContain('<style>');
    expect(html).toContain('navigator.credentials.get(current.chapiRequest)');
    expect(html).not.toMatch(/<(link|script)[^>]+(href|src)=/); // no external assets
  });

  it('creates an exchange, hosts its interaction URL, and reports waiting → connected → issued with the bound DID', async () => {
    const response = await startSession();
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.exchangeUrl.startsWith(`${workflowUrl}/exchanges/`)).toBe(true);
    expect(created.interactionUrl).toBe(`${shop.url}interactions/${created.id}?iuv=1`);
    expect(created.qrSvg).toMatch(/^<svg role="img"/);
    expect(created.statusUrl).toBe(`/api/sessions/${created.id}`);
    expect(created.chapiRequest.web).toMatchObject({
      VerifiablePresentation: {
        query: [{ type: 'DIDAuthentication' }],
        challenge: created.exchangeId,
        domain: new URL(service.baseUrl).origin,
        interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: created.exchangeUrl }] },
      },
      protocols: { vcapi: created.exchangeUrl },
    });
    expect(await status(created.id)).toMatchObject({ id: created.id, stage: 'waiting' });

    const protocols = await (await fetch(created.interactionUrl, { headers: { accept: 'application/json' } })).json();
    expect(protocols).toEqual({ protocols: { vcapi: created.exchangeUrl } });

    await startExchange({ exchangeUrl: created.exchangeUrl });
    await expect.poll(async () => (await status(created.id)).stage).toBe('connected');

    const holder = await runHolder({ interactionUrl: created.interactionUrl });
    // The CHAPI request the page makes promised the challenge and domain the service then asked for.
    expect(holder.request.challenge).toBe(created.chapiRequest.web.VerifiablePresentation.challenge);
    expect(holder.request.domain).toBe(created.chapiRequest.web.VerifiablePresentation.domain);
    await expect.poll(async () => (await status(created.id)).stage).toBe('issued');
    const done = await status(created.id);
    expect(done).toMatchObject({ stage: 'issued', state: 'complete', did: holder.key.did });
    expect(done.verificationMethod.startsWith(holder.key.did)).toBe(true);
  });

  it('refuses session creation without a JSON content type, other methods, and unknown sessions', async () => {
    const form = await fetch(new URL('/api/sessions', shop.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(415);
    expect((await form.json()).name).toBe('NotSupportedError');
    expect((await fetch(new URL('/api/sessions', shop.url))).status).toBe(405);
    const unknown = await fetch(new URL('/api/sessions/00000000-0000-0000-0000-000000000000', shop.url));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ name: 'NotFoundError' });
    const big = await fetch(new URL('/api/sessions', shop.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(10_000) }) });
    expect(big.status).toBe(413);
  });

  it('shows a workflow service refusal as a 502 with the server reason', async () => {
    const wrong = await startShop({ workflowUrl, token: 'wrong-token-wrong-token', port: 0 });
    try {
      const response = await startSession(wrong);
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.name).toBe('NotAllowedError');
      expect(body.message).toMatch(/^The workflow service refused: Creating the exchange failed with HTTP 40[13]/);
    } finally {
      await wrong.close();
    }
  });

  it('reports an expired exchange as failed, and caps purchases in progress', async () => {
    const short = await startShop({ workflowUrl, token: service.token, port: 0, ttl: 1, pollIntervalMs: 50, maxActive: 1 });
    try {
      const created = await (await startSession(short)).json();
      const second = await startSession(short);
      expect(second.status).toBe(503);
      expect((await second.json()).name).toBe('QuotaExceededError');
      await expect.poll(async () => (await status(created.id, short)).stage, { timeout: 10_000 }).toBe('failed');
      expect((await status(created.id, short)).error).toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('expired') });
    } finally {
      await short.close();
    }
  });

  it('validates its options', async () => {
    await expect(startShop({ workflowUrl: 'nope', token: 't' })).rejects.toThrow('"workflowUrl" must be an http(s) URL.');
    await expect(startShop({ workflowUrl, token: '' })).rejects.toThrow(TypeError);
  });
});
