import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowService } from '../../workflow-service/index';
import { json, startScriptedServer } from '../test-support/scripted-server';
import { createExchange } from './create-exchange';
import { readExchange } from './exchange';

let service: Awaited<ReturnType<typeof startWorkflowService>>;
let workflowUrl: string;

beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  workflowUrl = service.workflowUrl('provenance-issuance');
});
afterAll(() => service?.close());

const variables = { subject: 'did:example:bag-456', sku: 'HB-2026-0042' };

describe('createExchange against the local workflow service (204 + Location)', () => {
  it('returns the exchange URL from Location and the exchange reads back as pending', async () => {
    const { exchangeUrl, exchangeId } = await createExchange({ workflowUrl, token: service.token, ttl: 600, variables });
    expect(exchangeUrl.startsWith(`${workflowUrl}/exchanges/`)).toBe(true);
    expect(exchangeUrl.endsWith(`/${exchangeId}`)).toBe(true);
    const exchange = await readExchange({ exchangeUrl, token: service.token });
    expect(exchange.state).toBe('pending');
    expect(exchange.variables).toMatchObject(variables);
    const lifetime = Date.parse(exchange.expires!) - Date.now();
    expect(lifetime).toBeGreaterThan(590_000);
    expect(lifetime).toBeLessThanOrEqual(600_000);
  });

  it('sends an absolute expiry when given `expires`', async () => {
    const expires = new Date(Date.now() + 120_000);
    const { exchangeUrl } = await createExchange({ workflowUrl, token: service.token, expires, variables });
    const exchange = await readExchange({ exchangeUrl, token: service.token });
    expect(Math.abs(Date.parse(exchange.expires!) - expires.getTime())).toBeLessThan(1500);
  });

  it('rejects a wrong token with a named error carrying the server message', async () => {
    const error = await createExchange({ workflowUrl, token: 'not-the-token-at-all', variables }).catch((e) => e);
    expect(error.name).toBe('NotAllowedError');
    expect([401, 403]).toContain(error.status);
    expect(error.message).toMatch(/^Creating the exchange failed with HTTP 40[13]: \S/);
    expect(error.requestUrl).toBe(`${workflowUrl}/exchanges`);
  });

  it('passes on a 400 for missing variables with the server name and message', async () => {
    const error = await createExchange({ workflowUrl, token: service.token, variables: { sku: 'x' } }).catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.name).toMatch(/Error$/);
    expect(error.message).toContain('HTTP 400');
    expect(error.message.length).toBeGreaterThan('Creating the exchange failed with HTTP 400.'.length);
  });

  it('names an unknown workflow NotFoundError', async () => {
    const error = await createExchange({ workflowUrl: service.workflowUrl('no-such-workflow'), token: service.token, variables }).catch((e) => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.status).toBe(404);
  });
});

describe('createExchange with the OAS 201 reply shapes (scripted server)', () => {
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  let mode = 'flat';
  beforeAll(async () => {
    server = await startScriptedServer({
      handler: (request, res) => {
        if (mode === 'flat') return json(res, 201, { id: 'z19flat', state: 'pending', sequence: 0, variables: JSON.parse(request.body).variables });
        if (mode === 'wrapped') return json(res, 201, { exchange: { id: 'z19wrapped', state: 'pending' } });
        if (mode === 'location') return json(res, 201, undefined, { location: '/workflows/w1/exchanges/z19loc' });
        if (mode === 'absolute-id') return json(res, 201, { id: `${server.url}/elsewhere/exchanges/z19abs`, state: 'pending' });
        if (mode === 'empty') return json(res, 201, {});
        if (mode === 'bad-location') return json(res, 204, undefined, { location: 'javascript:alert(1)' });
        if (mode === 'huge') {
          res.writeHead(201, { 'content-type': 'application/json' });
          const chunk = 'x'.repeat(1024 * 1024);
          for (let i = 0; i < 11; i += 1) res.write(chunk);
          return res.end();
        }
        if (mode === 'problem') return json(res, 422, { type: 'https://w3id.org/vc/errors#x', title: 'Unprocessable', detail: 'variables.sku is not a SKU' });
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('database on fire');
      },
    });
  });
  afterAll(() => server?.close());

  it('builds the exchange URL from a flat 201 body and returns the exchange', async () => {
    mode = 'flat';
    const created = await createExchange({ workflowUrl: `${server.url}/workflows/w1`, token: 't0k3n', ttl: 60, variables });
    expect(created).toMatchObject({ exchangeUrl: `${server.url}/workflows/w1/exchanges/z19flat`, exchangeId: 'z19flat' });
    expect(created.exchange?.state).toBe('pending');
    const sent = server.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer t0k3n');
    expect(JSON.parse(sent.body)).toEqual({ ttl: 60, variables });
  });

  it('accepts a wrapped 201 body', async () => {
    mode = 'wrapped';
    const created = await createExchange({ workflowUrl: `${server.url}/workflows/w1/`, token: 't', variables });
    expect(created.exchangeUrl).toBe(`${server.url}/workflows/w1/exchanges/z19wrapped`);
  });

  it('resolves a relative Location on a 201', async () => {
    mode = 'location';
    const created = await createExchange({ workflowUrl: `${server.url}/workflows/w1`, token: 't', variables });
    expect(created).toEqual({ exchangeUrl: `${server.url}/workflows/w1/exchanges/z19loc`, exchangeId: 'z19loc' });
  });

  it('uses an id that is itself a URL as the exchange URL', async () => {
    mode = 'absolute-id';
    const created = await createExchange({ workflowUrl: `${server.url}/workflows/w1`, token: 't', variables });
    expect(created.exchangeUrl).toBe(`${server.url}/elsewhere/exchanges/z19abs`);
  });

  it('refuses a 201 with neither Location nor id, and a non-http Location, as DataError', async () => {
    mode = 'empty';
    await expect(createExchange({ workflowUrl: `${server.url}/w`, token: 't', variables })).rejects.toMatchObject({ name: 'DataError', status: 201 });
    mode = 'bad-location';
    await expect(createExchange({ workflowUrl: `${server.url}/w`, token: 't', variables })).rejects.toMatchObject({ name: 'DataError' });
  });

  it('refuses a reply body over 10 MB as DataError', async () => {
    mode = 'huge';
    await expect(createExchange({ workflowUrl: `${server.url}/w`, token: 't', variables })).rejects.toMatchObject({
      name: 'DataError',
      message: 'The reply is larger than 10485760 bytes.',
    });
  });

  it('reports ProblemDetails and plain-text failures with the server words', async () => {
    mode = 'problem';
    await expect(createExchange({ workflowUrl: `${server.url}/w`, token: 't', variables })).rejects.toMatchObject({
      name: 'DataError',
      status: 422,
      message: 'Creating the exchange failed with HTTP 422: variables.sku is not a SKU',
    });
    mode = 'text';
    await expect(createExchange({ workflowUrl: `${server.url}/w`, token: 't', variables })).rejects.toMatchObject({
      name: 'OperationError',
      status: 500,
      message: 'Creating the exchange failed with HTTP 500: database on fire',
      data: 'database on fire',
    });
  });
});

describe('createExchange argument and network errors', () => {
  it('throws TypeError for bad arguments before any request', async () => {
    await expect(createExchange({ workflowUrl: 'ftp://x/w', token: 't', variables })).rejects.toThrow(new TypeError('"workflowUrl" must be an http(s) URL.'));
    await expect(createExchange({ workflowUrl: 'http://127.0.0.1:1/w', token: '', variables })).rejects.toThrow(TypeError);
    await expect(createExchange({ workflowUrl: 'http://127.0.0.1:1/w', token: 't', variables, ttl: 5, expires: new Date() })).rejects.toThrow('Give "ttl" or "expires", not both.');
    await expect(createExchange({ workflowUrl: 'http://127.0.0.1:1/w', token: 't', variables, ttl: 1.5 })).rejects.toThrow(TypeError);
    await expect(createExchange({ workflowUrl: 'http://127.0.0.1:1/w', token: 't', variables: [] as any })).rejects.toThrow('"variables" must be an object.');
  });

  it('names an unreachable service NetworkError', async () => {
    const scratch = await startScriptedServer({ handler: () => {} });
    const url = scratch.url;
    await scratch.close();
    await expect(createExchange({ workflowUrl: `${url}/w`, token: 't', variables })).rejects.toMatchObject({ name: 'NetworkError', requestUrl: `${url}/w/exchanges` });
  });
});
