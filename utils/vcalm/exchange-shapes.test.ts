// The step machine against scripted local servers, for the reply shapes the local workflow
// service never sends. Real HTTP on 127.0.0.1; no mocked fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchange, next, pendingEvent, runExchange, type ExchangeState, type TranscriptMessage } from './index';
import { startScriptedServer, type ScriptedServer } from './test-support/scripted-server';
import { vector } from './test-support/vectors';

let server: ScriptedServer;
beforeAll(async () => { server = await startScriptedServer(); });
afterAll(async () => { await server.close(); });

let counter = 0;
const vp = (id: string) => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], id, verifiableCredential: [{ id: `urn:vc:${id}` }] });
const didAuthVpr = { query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }], challenge: 'c-1', domain: '' };
const signedStandIn = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: 'did:key:z6Mktest', proof: { challenge: 'c-1' } };

/** A fresh path prefix, an interaction URL serving {protocols: {vcapi}}, and the exchange URL. */
function setup(exchange: (body: any, n: number) => any, { protocols }: { protocols?: (x: string) => object } = {}) {
  const p = `/t${++counter}`;
  const exchangeUrl = `${server.url}${p}/exchange`;
  let posts = 0;
  server.routes.set(`GET ${p}/i`, () => ({ json: { protocols: protocols ? protocols(exchangeUrl) : { vcapi: exchangeUrl } } }));
  server.routes.set(`POST ${p}/exchange`, (req) => exchange(req.body, posts++));
  return { interactionUrl: `${server.url}${p}/i?iuv=1`, exchangeUrl, posts: () => posts, prefix: p };
}

/** runExchange answering every request with a stand-in VP and round-tripping the state through JSON. */
async function run(interactionUrl: string, extra: Partial<Parameters<typeof runExchange>[0]> = {}) {
  const messages: TranscriptMessage[] = [];
  const result = await runExchange({
    interactionUrl,
    answer: async () => signedStandIn,
    onMessage: (m) => { messages.push(m); },
    onEvent: ({ state }) => { expect(JSON.parse(JSON.stringify(state))).toEqual(state); },
    ...extra,
  });
  return { ...result, messages };
}

describe('exchange reply shapes', () => {
  it('DID auth then a wrapped VP: protocols → request → credentials → complete, with a full transcript', async () => {
    const t = setup((body, n) => n === 0 ? { json: { verifiablePresentationRequest: didAuthVpr } } : { json: { verifiablePresentation: vp('issued') } });
    const r = await run(t.interactionUrl);
    expect(r.events.map((e) => e.type)).toEqual(['protocols', 'request', 'credentials', 'complete']);
    expect(r.presentations).toEqual([vp('issued')]);
    expect(r.state).toMatchObject({ status: 'complete', steps: 2, received: 1, presented: 1 });
    expect(r.messages.map((m) => [m.seq, m.kind, m.method, m.status])).toEqual([[0, 'protocols', 'GET', 200], [1, 'exchange', 'POST', 200], [2, 'exchange', 'POST', 200]]);
    expect(r.messages[0].requestHeaders).toEqual({ accept: 'application/json' });
    expect(r.messages[1]).toMatchObject({ requestBody: {}, responseHeaders: { 'content-type': 'application/json' }, responseBody: { verifiablePresentationRequest: didAuthVpr } });
    expect(r.messages[2].requestBody).toEqual({ verifiablePresentation: signedStandIn });
    expect(r.messages.every((m) => m.exchangeId === r.state.id && typeof m.durationMs === 'number')).toBe(true);
    const seen = server.seen.filter((s) => s.path.startsWith(t.prefix));
    expect(seen[0].headers.accept).toBe('application/json');
    expect(seen.map((s) => s.body)).toEqual([undefined, {}, { verifiablePresentation: signedStandIn }]);
  });

  it('DCC: a bare VP, then an array of VPs, and redirectUrl ""', async () => {
    const t = setup(() => ({ json: vp('bare') }));
    const r = await run(t.interactionUrl);
    expect(r.presentations).toEqual([vp('bare')]);
    expect(r.event).toEqual({ type: 'complete', received: 1, presented: 0 });
    expect(t.posts()).toBe(1);

    const t2 = setup(() => ({ json: { verifiablePresentation: [vp('x'), { ...vp('y'), verifiablePresentation: vp('y') }], redirectUrl: '' } }));
    const r2 = await run(t2.interactionUrl);
    expect(r2.presentations).toEqual([vp('x'), vp('y')]);
    expect(r2.event).toMatchObject({ type: 'complete', received: 2 });
    expect(r2.event).not.toHaveProperty('redirectUrl');
  });

  it('VP + empty request: stores, then POSTs {} again with the echoed referenceId', async () => {
    const t = setup((body, n) => [
      { json: { verifiablePresentation: vp('first'), verifiablePresentationRequest: {}, referenceId: 'urn:uuid:ref-1' } },
      { json: { verifiablePresentation: vp('second'), redirectUrl: 'https://shop.example/thanks' } },
    ][n]);
    const r = await run(t.interactionUrl);
    expect(r.events.map((e) => e.type)).toEqual(['protocols', 'credentials', 'credentials', 'complete']);
    expect(r.event).toMatchObject({ type: 'complete', redirectUrl: 'https://shop.example/thanks', received: 2 });
    expect(server.seen.filter((s) => s.path.startsWith(t.prefix) && s.method === 'POST').map((s) => s.body)).toEqual([{}, { referenceId: 'urn:uuid:ref-1' }]);
  });

  it('a VP and a request in one reply: credentials first, then the request', async () => {
    const t = setup((body, n) => n === 0 ? { json: { verifiablePresentation: vp('offer'), verifiablePresentationRequest: didAuthVpr } } : { json: {} });
    const r = await run(t.interactionUrl);
    expect(r.events.map((e) => e.type)).toEqual(['protocols', 'credentials', 'request', 'complete']);
  });

  it('follows a redirectUrl that is an interaction URL, as a bounded chain', async () => {
    const second = setup(() => ({ json: { verifiablePresentation: vp('from-second') } }));
    const first = setup(() => ({ json: { redirectUrl: second.interactionUrl } }));
    const r = await run(first.interactionUrl);
    expect(r.presentations).toEqual([vp('from-second')]);
    expect(r.state.interactionUrls).toEqual([first.interactionUrl, second.interactionUrl]);
    expect(r.messages.map((m) => m.kind)).toEqual(['protocols', 'exchange', 'redirect', 'exchange']);

    const loop = setup(() => ({ json: {} }));
    server.routes.set(`POST ${loop.prefix}/exchange`, () => ({ json: { redirectUrl: loop.interactionUrl } }));
    const l = await run(loop.interactionUrl, { limits: { maxRedirects: 2 } });
    expect(l.event).toMatchObject({ type: 'failed', error: { name: 'RedirectLimitError' } });
    expect(l.state.redirects).toBe(2);
  });

  it('ignores an unsafe plain redirectUrl with a warning', async () => {
    const t = setup(() => ({ json: { redirectUrl: 'javascript:alert(1)' } }));
    const r = await run(t.interactionUrl);
    expect(r.event).toEqual({ type: 'complete', received: 0, presented: 0 });
    expect(r.state.warnings.join(' ')).toMatch(/Ignored the redirectUrl/);
  });

  it('discovery: follows interact, keeps every protocol, and names what was offered when vcapi is missing', async () => {
    const target = setup(() => ({ json: {} }));
    const hop = setup(() => ({ json: {} }), { protocols: () => ({ interact: target.interactionUrl, OID4VCI: 'openid-credential-offer://?x' }) });
    const r = await run(hop.interactionUrl);
    expect(r.events[0]).toMatchObject({ type: 'protocols', interactionUrl: target.interactionUrl, exchangeUrl: target.exchangeUrl });
    expect(r.event.type).toBe('complete');

    const only = setup(() => ({ json: {} }), { protocols: () => vector('messages/vcalm-interaction-protocols-inviteRequest-only.json').protocols });
    const f = await run(only.interactionUrl);
    expect(f.event).toMatchObject({ type: 'failed', error: { name: 'NotSupportedError' } });
    expect((f.event as any).error.message).toContain('"inviteRequest"');
    expect(only.posts()).toBe(0);

    const dcc = setup(() => ({ json: {} }), { protocols: (x) => ({ lcw: 'https://lcw.app/request.html?x', iu: 'https://x.example/iu', verifiablePresentationRequest: { query: { type: 'DIDAuthentication' }, interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: x }] } } }) });
    const d = await run(dcc.interactionUrl);
    expect(d.events[0]).toMatchObject({ type: 'protocols', exchangeUrl: dcc.exchangeUrl, protocols: { lcw: 'https://lcw.app/request.html?x' } });
    expect(d.event.type).toBe('complete');
  });

  it('discovery refuses an HTML page, an insecure vcapi URL and an interact loop', async () => {
    const p = `/t${++counter}`;
    server.routes.set(`GET ${p}/html`, () => ({ text: '<html>scan me</html>', headers: { 'content-type': 'text/html' } }));
    server.routes.set(`GET ${p}/insecure`, () => ({ json: { protocols: { vcapi: 'http://evil.example/x' } } }));
    server.routes.set(`GET ${p}/loop`, () => ({ json: { protocols: { interact: `${server.url}${p}/loop?iuv=1` } } }));
    expect((await run(`${server.url}${p}/html?iuv=1`)).event).toMatchObject({ type: 'failed', error: { name: 'DataError' } });
    expect((await run(`${server.url}${p}/insecure?iuv=1`)).event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
    expect((await run(`${server.url}${p}/loop?iuv=1`)).event).toMatchObject({ type: 'failed', error: { name: 'RedirectLimitError' } });
  });
});

describe('HTTP redirects', () => {
  it('follows them for the discovery GET but never lets a POST be redirected', async () => {
    const t = setup(() => ({ status: 307, headers: { location: '/elsewhere' } }));
    server.routes.set(`GET ${t.prefix}/moved`, () => ({ status: 302, headers: { location: `${t.prefix}/i?iuv=1` } }));
    const r = await run(`${server.url}${t.prefix}/moved?iuv=1`);
    expect(r.events[0]).toMatchObject({ type: 'protocols', exchangeUrl: t.exchangeUrl });
    expect(r.event).toMatchObject({ type: 'failed', error: { name: 'NetworkError' } });
    expect(server.seen.some((s) => s.path === '/elsewhere')).toBe(false);
  });
});

describe('error bodies are normalised once', () => {
  const cases: [string, number, unknown, string, string][] = [
    ['bedrock', 403, vector('messages/bedrock-error-NotAllowedError-exchange-complete.DERIVED.json'), 'NotAllowedError', 'Exchange is complete'],
    ['bedrock 500', 500, vector('messages/bedrock-error-DataError-exchange-expired.DERIVED.json'), 'DataError', 'Exchange has expired.'],
    ['ProblemDetails', 400, vector('messages/vcalm-problem-details-cryptographic-security-error.json'), 'DataError', 'CRYPTOGRAPHIC_SECURITY_ERROR'],
    ['DCC', 400, vector('messages/dcc-transaction-service-error-body-code-message.json'), 'DataError', 'No data was provided in the body.'],
  ];
  for (const [label, status, body, name, said] of cases) {
    it(label, async () => {
      const t = setup(() => ({ status, json: body }));
      const r = await run(t.interactionUrl);
      expect(r.event).toMatchObject({ type: 'failed', error: { name, status, data: body, requestUrl: t.exchangeUrl } });
      expect((r.event as any).error.message).toContain(said);
      expect(r.messages.at(-1)).toMatchObject({ status, responseBody: body });
    });
  }
});

describe('bounds: each breach is its own named error', () => {
  it('BodySizeLimitError for a reply past maxBodyBytes (declared or streamed)', async () => {
    const t = setup(() => ({ chunks: { size: 64 * 1024, count: 40 } }));
    const r = await run(t.interactionUrl, { limits: { maxBodyBytes: 1024 * 1024 } });
    expect(r.event).toMatchObject({ type: 'failed', error: { name: 'BodySizeLimitError' } });
    const d = setup(() => ({ json: { verifiablePresentation: { ...vp('big'), pad: 'p'.repeat(5000) } } }));
    const declared = await run(d.interactionUrl, { limits: { maxBodyBytes: 2000 } });
    expect(declared.event).toMatchObject({ type: 'failed', error: { name: 'BodySizeLimitError' } });
    expect(declared.messages.at(-1)?.responseHeaders?.['content-length']).toMatch(/^\d{4}$/);
    const fits = await run(d.interactionUrl, { limits: { maxBodyBytes: 6000 } });
    expect(fits.event.type).toBe('complete');
  });

  it('TimeoutError for one slow request, ExchangeTimeoutError for the whole exchange', async () => {
    const t = setup(() => ({ hang: true }));
    const r = await run(t.interactionUrl, { limits: { requestTimeoutMs: 300 } });
    expect(r.event).toMatchObject({ type: 'failed', error: { name: 'TimeoutError' } });
    expect(r.messages.at(-1)?.error?.name).toBe('TimeoutError');
    const u = setup(() => ({ hang: true }));
    const s = await run(u.interactionUrl, { limits: { totalTimeoutMs: 400 } });
    expect(s.event).toMatchObject({ type: 'failed', error: { name: 'ExchangeTimeoutError' } });
  });

  it('StepLimitError when the server keeps asking to post again', async () => {
    const t = setup(() => ({ json: { verifiablePresentation: vp('again'), verifiablePresentationRequest: {} } }));
    const r = await run(t.interactionUrl, { limits: { maxSteps: 3 } });
    expect(r.event).toMatchObject({ type: 'failed', error: { name: 'StepLimitError' } });
    expect(t.posts()).toBe(3);
  });

  it('NetworkError when nothing listens', async () => {
    const closed = await startScriptedServer();
    const url = `${closed.url}/i?iuv=1`;
    await closed.close();
    expect((await run(url)).event).toMatchObject({ type: 'failed', error: { name: 'NetworkError' } });
  });

  it('DataError for a reply that is not an exchange message', async () => {
    const t = setup(() => ({ text: 'OK', headers: { 'content-type': 'text/plain' } }));
    expect((await run(t.interactionUrl)).event).toMatchObject({ type: 'failed', error: { name: 'DataError' } });
    const j = setup(() => ({ text: '{"broken"', headers: { 'content-type': 'application/json' } }));
    expect((await run(j.interactionUrl)).event).toMatchObject({ type: 'failed', error: { name: 'DataError' } });
  });
});

describe('step machine API', () => {
  it('decline sends nothing and ends visibly', async () => {
    const t = setup(() => ({ json: { verifiablePresentationRequest: didAuthVpr } }));
    const r = await runExchange({ interactionUrl: t.interactionUrl, answer: async () => null });
    expect(r.event).toMatchObject({ type: 'declined' });
    expect(r.state.status).toBe('declined');
    expect(t.posts()).toBe(1);
  });

  it('the request event names who asks and checks the domain', async () => {
    const t = setup(() => ({ json: { verifiablePresentationRequest: { ...didAuthVpr, domain: 'evil.example' } } }));
    let state: ExchangeState = createExchange({ interactionUrl: t.interactionUrl });
    ({ state } = await next({ state }));
    const step = await next({ state });
    expect(step.event).toMatchObject({ type: 'request', origin: server.url, interactionOrigin: server.url, challenge: 'c-1', domain: 'evil.example', domainMatchesOrigin: false });
    expect(step.done).toBe(false);
    await expect(next({ state: step.state })).rejects.toThrow(TypeError); // a request needs an answer
    const host = new URL(server.url).host;
    const t2 = setup(() => ({ json: { verifiablePresentationRequest: { ...didAuthVpr, domain: host } } }));
    const r2 = await runExchange({ interactionUrl: t2.interactionUrl, answer: async (e) => { expect(e.domainMatchesOrigin).toBe(true); return null; } });
    expect(r2.event.type).toBe('declined');
  });

  it('pendingEvent rebuilds what a saved state waits on', async () => {
    const t = setup((body, n) => n === 0 ? { json: { verifiablePresentationRequest: didAuthVpr } } : { json: { verifiablePresentation: vp('v') } });
    let state = createExchange({ interactionUrl: t.interactionUrl });
    expect(pendingEvent({ state })).toBeUndefined();
    ({ state } = await next({ state }));
    expect(pendingEvent({ state })).toBeUndefined();
    const asked = await next({ state });
    expect(pendingEvent({ state: JSON.parse(JSON.stringify(asked.state)) })).toEqual(asked.event);
    const offered = await next({ state: asked.state, input: { type: 'presentation', verifiablePresentation: signedStandIn } });
    expect(pendingEvent({ state: JSON.parse(JSON.stringify(offered.state)) })).toEqual(offered.event);
    const done = await next({ state: offered.state });
    expect(pendingEvent({ state: done.state })).toEqual(done.event);
  });

  it('a finished state stays finished; bad arguments are TypeErrors', async () => {
    const t = setup(() => ({ json: {} }));
    const r = await runExchange({ interactionUrl: t.interactionUrl, answer: async () => null });
    const again = await next({ state: r.state });
    expect(again).toMatchObject({ done: true, event: { type: 'complete' } });
    expect(t.posts()).toBe(1);
    await expect(next({ state: { nope: true } as any })).rejects.toThrow(TypeError);
    expect(() => createExchange({ interactionUrl: 'https://x.example/' })).toThrowError(expect.objectContaining({ name: 'DataError' }));
    expect(() => createExchange({ interactionUrl: 'https://x.example/?iuv=1', limits: { maxSteps: -1 } })).toThrow(TypeError);
  });
});

describe('resuming after the worker died mid-POST', () => {
  it('a checkpoint that cannot save stops the POST from leaving', async () => {
    const t = setup(() => ({ json: {} }));
    let state = createExchange({ interactionUrl: t.interactionUrl });
    ({ state } = await next({ state }));
    const r = await next({ state, checkpoint: () => { throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }); } });
    expect(r).toMatchObject({ done: true, event: { type: 'failed', error: { name: 'QuotaExceededError', message: 'disk full' } } });
    expect(t.posts()).toBe(0);
  });

  it('re-sends a bare {} (it discloses nothing) and records the lost message', async () => {
    const t = setup(() => ({ json: { verifiablePresentation: vp('issued') } }));
    let saved: ExchangeState | undefined;
    let state = createExchange({ interactionUrl: t.interactionUrl });
    ({ state } = await next({ state }));
    // the "worker" saves the posting state, then dies before the reply is saved
    await next({ state, checkpoint: (s) => { saved = JSON.parse(JSON.stringify(s)); } });
    expect(saved).toMatchObject({ status: 'posting', pending: { body: {}, carriesPresentation: false } });
    const messages: TranscriptMessage[] = [];
    const resumed = await next({ state: saved!, onMessage: (m) => { messages.push(m); } });
    expect(resumed.event).toMatchObject({ type: 'credentials', presentations: [vp('issued')] });
    expect(messages.map((m) => [m.seq, m.error?.name ?? m.status])).toEqual([[1, 'InterruptedError'], [2, 200]]);
    expect(t.posts()).toBe(2);
  });

  it('never re-sends a presentation: fails with InterruptedError and the server saw it once', async () => {
    const t = setup((body, n) => n === 0 ? { json: { verifiablePresentationRequest: didAuthVpr } } : { json: { verifiablePresentation: vp('issued') } });
    let state = createExchange({ interactionUrl: t.interactionUrl });
    ({ state } = await next({ state }));
    ({ state } = await next({ state }));
    expect(state.status).toBe('request');
    let saved: ExchangeState | undefined;
    await next({ state, input: { type: 'presentation', verifiablePresentation: signedStandIn }, checkpoint: (s) => { saved = structuredClone(s); } });
    const resumed = await next({ state: saved! });
    expect(resumed).toMatchObject({ done: true, event: { type: 'failed', error: { name: 'InterruptedError' } } });
    expect(resumed.state.pending).toBeUndefined();
    expect(server.seen.filter((s) => s.path.startsWith(t.prefix) && (s.body as any)?.verifiablePresentation)).toHaveLength(1);
  });
});
