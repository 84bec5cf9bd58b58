import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../utils/crypto/index';
import { startWorkflowService } from '../../workflow-service/index';
import { runHolder, startExchange } from '../test-support/holder';
import { json, startScriptedServer } from '../test-support/scripted-server';
import { createExchange } from './create-exchange';
import { pollExchange, type PollProgress } from './poll-exchange';

let service: Awaited<ReturnType<typeof startWorkflowService>>;
let workflowUrl: string;
const variables = { subject: 'did:example:bag-456', sku: 'HB-2026-0042' };

beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  workflowUrl = service.workflowUrl('provenance-issuance');
});
afterAll(() => service?.close());

describe('pollExchange against the local workflow service', () => {
  it('resolves on complete with results.ownerBinding.did = the holder DID, reporting each state', async () => {
    const { exchangeUrl } = await createExchange({ workflowUrl, token: service.token, variables });
    const seen: PollProgress[] = [];
    const polling = pollExchange({ exchangeUrl, token: service.token, intervalMs: 20, maxIntervalMs: 100, onProgress: (p) => seen.push(p) });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ state: 'pending', previousState: undefined });

    await startExchange({ exchangeUrl });
    await expect.poll(() => seen.map((p) => p.state)).toEqual(['pending', 'active']);

    const holder = await runHolder({ exchangeUrl });
    const { results, exchange } = await polling;
    expect(exchange.state).toBe('complete');
    expect(results.ownerBinding.did).toBe(holder.key.did);
    expect(results.ownerBinding.verificationMethod.startsWith(holder.key.did)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'complete', previousState: 'active' });

    expect(holder.credentials).toHaveLength(1);
    const [credential] = holder.credentials;
    expect(credential.credentialSubject.id).toBe(holder.key.did);
    expect(credential.credentialSubject.owns).toMatchObject({ id: variables.subject, sku: variables.sku });
    const verification = await verifyCredential({ credential });
    expect(verification.verified).toBe(true);
    expect(verification.issuer).toBe(service.issuer);
  });

  it('rejects with NotFoundError when the exchange expires before a wallet comes', async () => {
    const { exchangeUrl } = await createExchange({ workflowUrl, token: service.token, ttl: 1, variables });
    const error = await pollExchange({ exchangeUrl, token: service.token, intervalMs: 100, maxIntervalMs: 200 }).catch((e) => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toMatch(/expired/);
  });

  it('rejects a wrong token at once instead of retrying', async () => {
    const { exchangeUrl } = await createExchange({ workflowUrl, token: service.token, variables });
    const error = await pollExchange({ exchangeUrl, token: 'wrong-token-wrong-token', intervalMs: 10 }).catch((e) => e);
    expect(error.name).toBe('NotAllowedError');
    expect([401, 403]).toContain(error.status);
  });

  it('stops promptly with AbortError when the signal aborts', async () => {
    const { exchangeUrl } = await createExchange({ workflowUrl, token: service.token, variables });
    const controller = new AbortController();
    const seen: string[] = [];
    const polling = pollExchange({ exchangeUrl, token: service.token, signal: controller.signal, intervalMs: 60_000, maxIntervalMs: 60_000, onProgress: ({ state }) => seen.push(state) });
    await expect.poll(() => seen).toEqual(['pending']);
    const before = Date.now();
    controller.abort();
    const error = await polling.catch((e) => e);
    expect(error.name).toBe('AbortError');
    expect(Date.now() - before).toBeLessThan(1000);
  });

  it('rejects at once for a signal that is already aborted, and times out with TimeoutError', async () => {
    const { exchangeUrl } = await createExchange({ workflowUrl, token: service.token, variables });
    await expect(pollExchange({ exchangeUrl, token: service.token, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(pollExchange({ exchangeUrl, token: service.token, timeoutMs: 150, intervalMs: 50, maxIntervalMs: 50 })).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'The exchange did not complete within 150 ms.',
    });
  });
});

describe('pollExchange with other reply shapes (scripted server)', () => {
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  const script: Record<string, (n: number) => [number, unknown]> = {
    // The OAS shape: the exchange object itself, not wrapped.
    flat: (n) => [200, { id: 'flat', state: n < 2 ? 'pending' : n < 3 ? 'active' : 'complete', variables: { results: { ownerBinding: { did: 'did:key:z6MkFlat' } } } }],
    invalid: (n) => [200, { exchange: { id: 'bad', state: n < 1 ? 'active' : 'invalid', lastError: { name: 'DataError', message: 'The presentation challenge does not match.' } } }],
    'invalid-silent': () => [200, { exchange: { id: 'bad2', state: 'invalid' } }],
    flaky: (n) => (n < 2 ? [503, { name: 'OperationError', message: 'busy' }] : [200, { exchange: { id: 'f', state: 'complete', variables: { results: {} } } }]),
    broken: () => [502, 'bad gateway'],
    garbage: () => [200, { exchange: { id: 'g', state: 'finished' } }],
    stale: () => [200, { exchange: { id: 's', state: 'pending', expires: new Date(Date.now() - 60_000).toISOString() } }],
  };
  const counts = new Map<string, number>();
  beforeAll(async () => {
    server = await startScriptedServer({
      handler: (request, res) => {
        const name = request.url.split('/').at(-1)!;
        const n = counts.get(name) ?? 0;
        counts.set(name, n + 1);
        const [status, body] = script[name](n);
        if (typeof body === 'string') {
          res.writeHead(status);
          res.end(body);
        } else json(res, status, body);
      },
    });
  });
  afterAll(() => server?.close());
  const poll = (name: string, extra = {}) => pollExchange({ exchangeUrl: `${server.url}/workflows/w/exchanges/${name}`, token: 't', intervalMs: 5, maxIntervalMs: 10, ...extra });

  it('follows the flat exchange object to complete', async () => {
    const states: string[] = [];
    const { results } = await poll('flat', { onProgress: ({ state }: PollProgress) => states.push(state) });
    expect(results.ownerBinding.did).toBe('did:key:z6MkFlat');
    expect(states).toEqual(['pending', 'active', 'complete']);
    expect(server.requests.find((r) => r.url.endsWith('/flat'))!.headers.authorization).toBe('Bearer t');
  });

  it('rejects invalid with the lastError as the reason', async () => {
    await expect(poll('invalid')).rejects.toMatchObject({
      name: 'OperationError',
      message: 'The exchange failed (DataError): The presentation challenge does not match.',
    });
    await expect(poll('invalid-silent')).rejects.toMatchObject({ name: 'OperationError', message: expect.stringContaining('gave no reason') });
  });

  it('retries transient 503s, then gives up after maxRetries', async () => {
    await expect(poll('flaky')).resolves.toMatchObject({ results: {} });
    await expect(poll('broken', { maxRetries: 2 })).rejects.toMatchObject({ name: 'OperationError', status: 502 });
    expect(counts.get('broken')).toBe(3);
  });

  it('refuses an unknown state as DataError and an exchange past its expiry as NotFoundError', async () => {
    await expect(poll('garbage')).rejects.toMatchObject({ name: 'DataError' });
    await expect(poll('stale')).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('no wallet had connected') });
  });

  it('validates its options', () => {
    expect(() => pollExchange({ exchangeUrl: 'nope', token: 't' })).toThrow(TypeError);
    expect(() => pollExchange({ exchangeUrl: `${server.url}/x`, token: 't', timeoutMs: -1 })).toThrow('"timeoutMs" must be a positive number.');
  });
});
