// Every refusal: its documented status and name, and the stored exchange byte-for-byte unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsigs from 'jsonld-signatures';
import { createPresentation, createSigner, documentLoader, generateDidKey, type WalletKey } from '../utils/crypto';
import { createSignSuite } from '../utils/crypto/suites';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, createExchange, request } from './testing/holder';
import { storedText } from './testing/files';

let service: WorkflowService;
let workflowUrl: string;
let holder: WalletKey;
let other: WalletKey;

beforeAll(async () => {
  service = await startWorkflowService({ token: 'refusal-token-0123456789', bodyLimit: 64 * 1024 });
  workflowUrl = service.workflowUrl('provenance-issuance');
  [holder, other] = await Promise.all([generateDidKey(), generateDidKey()]);
});
afterAll(() => service.close());

/** An exchange that has sent its DID-auth request, plus that request. */
async function startedExchange() {
  const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
  const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
  return { exchangeUrl, vpr: start.body.verifiablePresentationRequest };
}

async function expectRefusal({
  exchangeUrl,
  send,
  status,
  name,
  reason,
}: {
  exchangeUrl: string;
  send: () => Promise<{ status: number; body: any }>;
  status: number;
  name: string;
  reason?: RegExp;
}) {
  const before = await storedText({ service, exchangeUrl });
  const reply = await send();
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({ name, status, detail: reply.body.message });
  expect(typeof reply.body.title).toBe('string');
  expect(typeof reply.body.type).toBe('string');
  if (reason) expect(JSON.stringify(reply.body)).toMatch(reason);
  expect(await storedText({ service, exchangeUrl })).toBe(before);
  return reply;
}

const post = (url: string, verifiablePresentation: unknown) =>
  request({ url, method: 'POST', body: { verifiablePresentation } });

describe('verification refusals (400 DataError, exchange stays usable)', () => {
  it('refuses a wrong challenge', async () => {
    const { exchangeUrl, vpr } = await startedExchange();
    const vp = await answer({ key: holder, vpr, challenge: 'not-the-exchange-id' });
    await expectRefusal({ exchangeUrl, send: () => post(exchangeUrl, vp), status: 400, name: 'DataError', reason: /challenge/ });
    // still usable: the right answer now completes it
    const good = await post(exchangeUrl, await answer({ key: holder, vpr }));
    expect(good.status).toBe(200);
    expect(good.body.verifiablePresentation.verifiableCredential[0].credentialSubject.id).toBe(holder.did);
  });

  it('refuses a wrong domain', async () => {
    const { exchangeUrl, vpr } = await startedExchange();
    const vp = await answer({ key: holder, vpr, domain: 'https://evil.example' });
    await expectRefusal({ exchangeUrl, send: () => post(exchangeUrl, vp), status: 400, name: 'DataError', reason: /domain/ });
  });

  it('refuses a bad signature', async () => {
    const { exchangeUrl, vpr } = await startedExchange();
    const vp: any = await answer({ key: holder, vpr });
    const value: string = vp.proof.proofValue;
    vp.proof.proofValue = value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expectRefusal({ exchangeUrl, send: () => post(exchangeUrl, vp), status: 400, name: 'DataError' });
    const tampered: any = await answer({ key: holder, vpr });
    tampered.id = 'urn:uuid:2f1b0c5e-8a43-4d59-9d7e-0c7d5c1d1a11';
    await expectRefusal({ exchangeUrl, send: () => post(exchangeUrl, tampered), status: 400, name: 'DataError' });
  });

  it('refuses a presentation whose holder is not the signer', async () => {
    const { exchangeUrl, vpr } = await startedExchange();
    // Signed correctly by `other`, but claiming `holder` (utils/crypto refuses to make this, so sign by hand).
    const presentation = createPresentation({ holder: holder.did });
    const suite = createSignSuite({ cryptosuite: 'eddsa-rdfc-2022', signer: await createSigner({ key: other }) });
    const vp = await jsigs.sign(presentation, {
      suite,
      purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: vpr.challenge, domain: vpr.domain }),
      documentLoader,
    });
    await expectRefusal({ exchangeUrl, send: () => post(exchangeUrl, vp), status: 400, name: 'DataError', reason: /holder/ });
  });

  it('refuses an unsigned presentation and one without a request being asked', async () => {
    const { exchangeUrl } = await startedExchange();
    await expectRefusal({
      exchangeUrl,
      send: () => post(exchangeUrl, createPresentation({ holder: holder.did })),
      status: 400,
      name: 'DataError',
      reason: /not signed|no proof/,
    });
  });
});

describe('state refusals', () => {
  it('answers 403 NotAllowedError to a POST after complete', async () => {
    const { exchangeUrl, vpr } = await startedExchange();
    const vp = await answer({ key: holder, vpr });
    expect((await post(exchangeUrl, vp)).status).toBe(200);
    await expectRefusal({ exchangeUrl, send: () => post(exchangeUrl, vp), status: 403, name: 'NotAllowedError', reason: /complete/ });
    await expectRefusal({
      exchangeUrl,
      send: () => request({ url: exchangeUrl, method: 'POST', body: {} }),
      status: 403,
      name: 'NotAllowedError',
    });
  });

  it('answers 404 NotFoundError once the exchange has expired', async () => {
    const expires = new Date(Date.now() + 1500).toISOString();
    const exchangeUrl = await createExchange({ workflowUrl, token: service.token, expires });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    await expect.poll(async () => (await request({ url: `${exchangeUrl}/protocols` })).status, { timeout: 5000, interval: 100 }).toBe(404);
    await expectRefusal({ exchangeUrl, send: () => post(exchangeUrl, vp), status: 404, name: 'NotFoundError', reason: /expired/ });
    await expectRefusal({
      exchangeUrl,
      send: () => request({ url: exchangeUrl, token: service.token }),
      status: 404,
      name: 'NotFoundError',
    });
  });
});

describe('malformed and oversized input', () => {
  it('refuses bodies that are not JSON objects or not JSON at all', async () => {
    const { exchangeUrl } = await startedExchange();
    const cases: [unknown, number, string][] = [
      ['{"verifiablePresentation": ', 400, 'DataError'],
      ['[]', 400, 'ValidationError'],
      ['"hello"', 400, 'ValidationError'],
      ['null', 400, 'ValidationError'],
      [{ verifiablePresentation: 'a string' }, 400, 'ValidationError'],
      [{ verifiablePresentation: [{}] }, 400, 'ValidationError'],
    ];
    for (const [body, status, name] of cases) {
      await expectRefusal({ exchangeUrl, send: () => request({ url: exchangeUrl, method: 'POST', body }), status, name });
    }
    await expectRefusal({
      exchangeUrl,
      send: () => request({ url: exchangeUrl, method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } }),
      status: 415,
      name: 'NotSupportedError',
    });
  });

  it('answers 413 to an oversized body, declared or streamed', async () => {
    const { exchangeUrl } = await startedExchange();
    const big = JSON.stringify({ verifiablePresentation: { pad: 'x'.repeat(70 * 1024) } });
    await expectRefusal({ exchangeUrl, send: () => request({ url: exchangeUrl, method: 'POST', body: big }), status: 413, name: 'DataError' });
    // Without Content-Length (chunked), the reader still stops at the limit.
    const chunked = async () => {
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 70; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
          controller.close();
        },
      });
      const response = await fetch(exchangeUrl, {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      return { status: response.status, body: await response.json() };
    };
    await expectRefusal({ exchangeUrl, send: chunked, status: 413, name: 'DataError' });
  });

  it('refuses bad create requests with 400 ValidationError and stores nothing', async () => {
    const create = (body: unknown) => request({ url: `${workflowUrl}/exchanges`, method: 'POST', token: service.token, body });
    const cases: unknown[] = [
      { ttl: 60, expires: new Date(Date.now() + 60_000).toISOString(), variables: { subject: 's', sku: 'k' } },
      { ttl: -1, variables: { subject: 's', sku: 'k' } },
      { ttl: 48 * 3600 + 1, variables: { subject: 's', sku: 'k' } },
      { expires: 'tomorrow', variables: { subject: 's', sku: 'k' } },
      { expires: new Date(Date.now() - 1000).toISOString(), variables: { subject: 's', sku: 'k' } },
      { variables: { subject: 's' } },
      { variables: { subject: 's', sku: 'k', results: {} } },
      { variables: [] },
      { surprise: true },
      [],
    ];
    for (const body of cases) {
      const reply = await create(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.name).toBe('ValidationError');
      expect(reply.headers.get('location')).toBeNull();
    }
  });
});

describe('authentication', () => {
  it('answers 401 without a token and 403 with a wrong one, for create and read', async () => {
    const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
    const body = { variables: { subject: 's', sku: 'k' } };
    const missing = await request({ url: `${workflowUrl}/exchanges`, method: 'POST', body });
    expect(missing.status).toBe(401);
    expect(missing.body.name).toBe('NotAllowedError');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await request({ url: `${workflowUrl}/exchanges`, method: 'POST', body, token: 'refusal-token-0123456780' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.name).toBe('NotAllowedError');
    await expectRefusal({ exchangeUrl, send: () => request({ url: exchangeUrl }), status: 401, name: 'NotAllowedError' });
    await expectRefusal({ exchangeUrl, send: () => request({ url: exchangeUrl, token: 'x' }), status: 403, name: 'NotAllowedError' });
    await expectRefusal({
      exchangeUrl,
      send: () => request({ url: exchangeUrl, headers: { authorization: 'Basic abc' } }),
      status: 401,
      name: 'NotAllowedError',
    });
  });
});
