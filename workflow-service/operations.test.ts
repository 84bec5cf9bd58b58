// Operations: VCALM §3.6.7 step callbacks, /health and /ready, JSON logs, graceful shutdown
// (in process and through the CLI on SIGTERM).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { generateDidKey, type WalletKey } from '../utils/crypto';
import { startWorkflowService } from './index';
import { answer, createExchange, request } from './testing/holder';
import { exchangeIdOf } from './testing/files';
import { spawnTsx, type SpawnedScript } from '../tests/support/spawn-tsx';

const TOKEN = 'ops-token-0123456789abcdef';
let holder: WalletKey;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  holder = await generateDidKey();
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A coordinator's callback endpoint on 127.0.0.1: records each POST, answers with `statuses` in turn (then 200). */
async function callbackReceiver({ statuses = [] as number[], hang = false } = {}) {
  const received: { path: string; body: any }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(text) });
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
      if (hang) return void hanging.push(res);
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const receivedAtLeast = (count: number) =>
    new Promise<void>((resolve) => (received.length >= count ? resolve() : waiters.push({ count, resolve })));
  return { base, received, receivedAtLeast };
}

async function service(options: Parameters<typeof startWorkflowService>[0] = {}) {
  const started = await startWorkflowService({ token: TOKEN, ...options });
  cleanups.push(() => started.close());
  return started;
}

async function runDidAuth(exchangeUrl: string) {
  const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
  const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
  return request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp, referenceId: start.body.referenceId } });
}

const didAuth = { createChallenge: true, verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }] } };

describe('VCALM §3.6.7 Exchange step callbacks', () => {
  it("POSTs {event: {data: {exchangeId}}} to the step's callback.url and the exchange's after each step; exchangeId reads the state", async () => {
    const receiver = await callbackReceiver();
    const svc = await service({ callbacks: { baseDelayMs: 10 } });
    const workflow = {
      id: 'with-callbacks', initialStep: 'auth',
      steps: { auth: { ...didAuth, nextStep: 'done', callback: { url: '{{variables.callbackUrl}}' } }, done: { redirectUrl: 'https://shop.example/done' } },
    };
    expect((await request({ url: `${svc.baseUrl}/workflows`, method: 'POST', token: TOKEN, body: workflow })).status).toBe(201);
    const reply = await request({
      url: `${svc.workflowUrl('with-callbacks')}/exchanges`, method: 'POST', token: TOKEN,
      body: { variables: { callbackUrl: `${receiver.base}/callbacks/step-zRandom` }, callback: { url: `${receiver.base}/callbacks/exchange-zRandom` } },
    });
    const exchangeUrl = reply.headers.get('location')!;
    // POST {} only sends the request: no step has run, nobody is called
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const final = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
    expect(final.body.redirectUrl).toBe('https://shop.example/done');
    await receiver.receivedAtLeast(2);
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/callbacks/exchange-zRandom', '/callbacks/step-zRandom']);
    for (const { body } of receiver.received) expect(body).toEqual({ event: { data: { exchangeId: exchangeUrl } } });
    const state = await request({ url: receiver.received[0].body.event.data.exchangeId, token: TOKEN });
    expect(state.body.exchange.state).toBe('complete');
  });

  it('retries with backoff until the callback is received (503, 503, then 200)', async () => {
    const receiver = await callbackReceiver({ statuses: [503, 503] });
    const lines: string[] = [];
    const svc = await service({ callbacks: { baseDelayMs: 10 }, log: (line) => lines.push(line) });
    const exchangeUrl = (await request({
      url: `${svc.workflowUrl('provenance-issuance')}/exchanges`, method: 'POST', token: TOKEN,
      body: { variables: { subject: 'did:example:x', sku: 'k' }, callback: { url: `${receiver.base}/cb` } },
    })).headers.get('location')!;
    expect((await runDidAuth(exchangeUrl)).status).toBe(200);
    await receiver.receivedAtLeast(3);
    await vi.waitFor(() => expect(lines.some((line) => line.includes('"event":"callback"'))).toBe(true));
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.event === 'callback');
    expect(logged).toMatchObject({ outcome: 'delivered', attempts: 3, origin: receiver.base, exchangeId: exchangeIdOf(exchangeUrl) });
    expect(receiver.received).toHaveLength(3);
  });

  it('a callback that never answers neither delays nor fails the participation', async () => {
    const receiver = await callbackReceiver({ hang: true });
    const svc = await service({ callbacks: { timeoutMs: 60_000 } });
    const exchangeUrl = (await request({
      url: `${svc.workflowUrl('provenance-issuance')}/exchanges`, method: 'POST', token: TOKEN,
      body: { variables: { subject: 'did:example:x', sku: 'k' }, callback: { url: `${receiver.base}/cb` } },
    })).headers.get('location')!;
    const final = await runDidAuth(exchangeUrl);
    expect(final.status).toBe(200);
    expect(final.body.verifiablePresentation.verifiableCredential).toHaveLength(1);
    await receiver.receivedAtLeast(1); // it was called, and is still hanging
    expect((await request({ url: exchangeUrl, token: TOKEN })).body.exchange.state).toBe('complete');
  });

  it('refuses a callback that is not an http(s) URL at creation', async () => {
    const svc = await service();
    const reply = await request({
      url: `${svc.workflowUrl('provenance-issuance')}/exchanges`, method: 'POST', token: TOKEN,
      body: { variables: { subject: 's', sku: 'k' }, callback: { url: 'file:///etc/passwd' } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toContain('callback');
  });
});

describe('GET /health and GET /ready', () => {
  it('health: the process answers; ready: the store answers too, 503 ProblemDetails when it cannot', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ws-ops-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const svc = await service({ dataDir });
    expect(await request({ url: `${svc.baseUrl}/health` })).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await request({ url: `${svc.baseUrl}/ready` })).toMatchObject({ status: 200, body: { status: 'ready' } });
    await svc.store.close(); // the store (its database) is gone
    const down = await request({ url: `${svc.baseUrl}/ready` });
    expect(down.status).toBe(503);
    expect(down.body.type).toMatch(/^https?:\/\//);
    expect(down.body.detail).toContain('store');
    expect((await request({ url: `${svc.baseUrl}/health` })).status).toBe(200);
  });
});

describe('structured logs', () => {
  it('one JSON line per request, with route and exchange id; never the token, a presentation, a credential or a variable', async () => {
    const lines: string[] = [];
    const svc = await service({ log: (line) => lines.push(line) });
    const exchangeUrl = await createExchange({ workflowUrl: svc.workflowUrl('provenance-issuance'), token: TOKEN, variables: { subject: 'did:example:secret-bag', sku: 'SECRET-SKU' } });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const final = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
    await request({ url: exchangeUrl, token: TOKEN });
    await vi.waitFor(() => expect(lines.length).toBe(4));
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([
      'POST /workflows/:workflowId/exchanges 204',
      'POST /workflows/:workflowId/exchanges/:exchangeId 200',
      'POST /workflows/:workflowId/exchanges/:exchangeId 200',
      'GET /workflows/:workflowId/exchanges/:exchangeId 200',
    ]);
    const id = exchangeIdOf(exchangeUrl);
    for (const entry of entries) expect(entry).toMatchObject({ event: 'request', workflowId: 'provenance-issuance', exchangeId: id });
    expect(entries[2]).toMatchObject({ step: 'issueAuthenticity', state: 'complete' });
    const text = lines.join('\n');
    const credential = final.body.verifiablePresentation.verifiableCredential[0];
    for (const secret of [TOKEN, 'SECRET-SKU', 'secret-bag', (vp.proof as any).proofValue, credential.proof.proofValue, credential.id, holder.did]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('graceful shutdown', () => {
  it('close(): stops accepting, lets the participation in flight finish and store, then stops', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ws-ops-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const svc = await startWorkflowService({ token: TOKEN, dataDir });
    const exchangeUrl = await createExchange({ workflowUrl: svc.workflowUrl('provenance-issuance'), token: TOKEN });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {}, headers: { connection: 'close' } });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const payload = JSON.stringify({ verifiablePresentation: vp });

    // a participation whose body is still on its way when the service is told to stop
    const req = httpRequest(exchangeUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } });
    const replied = new Promise<{ status: number; body: any }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
    });
    req.write(payload.slice(0, 20));
    await vi.waitFor(() => expect(svc.inFlight).toBe(1));
    const closing = svc.close();
    await expect(fetch(`${svc.baseUrl}/health`)).rejects.toThrow(); // no new connections
    req.end(payload.slice(20));
    const reply = await replied;
    expect(reply.status).toBe(200);
    expect(reply.body.verifiablePresentation.verifiableCredential[0].credentialSubject.id).toBe(holder.did);
    await closing;
    const again = await startWorkflowService({ token: TOKEN, dataDir }); // what the stopped one stored
    cleanups.push(() => again.close());
    expect(await again.store.get({ id: exchangeIdOf(exchangeUrl) })).toMatchObject({ state: 'complete', sequence: 2 });
  });

  it('drainDelayMs: close() first keeps serving with /ready at 503, so a load balancer stops sending', async () => {
    const lines: string[] = [];
    const svc = await startWorkflowService({ token: TOKEN, drainDelayMs: 3000, log: (line) => lines.push(line) });
    expect((await request({ url: `${svc.baseUrl}/ready` })).status).toBe(200);
    const closing = svc.close();
    await vi.waitFor(() => expect(lines.some((line) => line.includes('"event":"draining"'))).toBe(true));
    const ready = await request({ url: `${svc.baseUrl}/ready`, headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    expect(ready.body.detail).toContain('shutting down');
    expect((await request({ url: `${svc.baseUrl}/health`, headers: { connection: 'close' } })).status).toBe(200);
    await closing;
    await expect(fetch(`${svc.baseUrl}/health`)).rejects.toThrow();
  });

  let run: SpawnedScript | undefined;
  afterAll(() => run?.kill());

  it('the CLI on SIGTERM: finishes the participation in flight, logs JSON, exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ws-ops-cli-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    run = spawnTsx({ script: 'workflow-service/bin/serve.ts', args: ['--port', '0', '--data-dir', dataDir, '--token', TOKEN] });
    await run.waitForOutput({ text: 'Data directory:', timeoutMs: 60_000 });
    const baseUrl = /Workflow service: (\S+)/.exec(run.stdout())![1];
    const exchangeUrl = await createExchange({ workflowUrl: `${baseUrl}/workflows/provenance-issuance`, token: TOKEN });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {}, headers: { connection: 'close' } });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const payload = JSON.stringify({ verifiablePresentation: vp });
    const req = httpRequest(exchangeUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } });
    const replied = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)); });
      req.on('error', reject);
    });
    // the start of the body is in the kernel before the next connection is even opened, so once
    // that connection's request is answered the service has this one's headers: it is in flight
    await new Promise<void>((resolve) => req.write(payload.slice(0, 20), () => resolve()));
    await request({ url: `${baseUrl}/health`, headers: { connection: 'close' } });
    run.child.kill('SIGTERM');
    await vi.waitFor(() => expect(run!.stderr()).toContain('"event":"shutdown"'));
    req.end(payload.slice(20));
    expect(await replied).toBe(200);
    expect(await run.exited).toBe(0);
    const events = run.stderr().trim().split('\n').map((line) => JSON.parse(line));
    expect(events.find((e) => e.event === 'shutdown')).toMatchObject({ inFlight: 1 });
    expect(events.at(-1)).toMatchObject({ event: 'stopped' });
  }, 90_000);
});
