// startShop: the demo shop's node:http server. Routes:
//   GET  /                      product page
//   POST /api/sessions          create an exchange + interaction URL (JSON in, JSON out)
//   GET  /api/sessions/{id}     live status: waiting → connected → issued (with the bound DID) | failed
//   GET  /interactions/{id}     the interaction URL (?iuv=1), JSON for wallets, a page for people
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInteractionHost } from '../lib/index';
import { DEMO_PRODUCT, type Product } from './product';
import { renderProductPage } from './product-page';
import { createSessionStore } from './sessions';
import { hasErrorName, namedError } from '../../utils/errors';

export interface StartShopOptions {
  /** e.g. `http://127.0.0.1:4000/workflows/provenance-issuance` */
  workflowUrl: string;
  token: string;
  host?: string;
  port?: number;
  product?: Product;
  /** Exchange lifetime in seconds (default 900). */
  ttl?: number;
  /** First poll interval for the server's exchange watcher (default 500 ms). */
  pollIntervalMs?: number;
  /** Purchases in progress at once (default 100). */
  maxActive?: number;
}

export interface Shop {
  url: string;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 4096;

export async function startShop(options: StartShopOptions): Promise<Shop> {
  if (!options || typeof options !== 'object') throw new TypeError('"options" must be an object.');
  const { workflowUrl, token, host = '127.0.0.1', port = 0, product = DEMO_PRODUCT, ttl = 900, pollIntervalMs = 500, maxActive = 100 } = options;
  try {
    const parsed = new URL(workflowUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
  } catch {
    throw new TypeError('"workflowUrl" must be an http(s) URL.');
  }
  if (typeof token !== 'string' || token === '') throw new TypeError('"token" must be a non-empty string.');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('"port" must be an integer from 0 to 65535.');

  const interactions = createInteractionHost();
  const sessions = createSessionStore({ workflowUrl, token, interactions, product, ttl, pollIntervalMs, maxActive });
  const page = renderProductPage({ product });

  const server = createServer((request, response) => {
    route(request, response).catch((error: Error) => {
      if (!response.headersSent) sendJson(response, 500, { name: 'OperationError', message: error.message });
      else response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse) {
    if (await interactions.handle(request, response)) return;
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "frame-ancestors 'none'",
      });
      response.end(request.method === 'HEAD' ? undefined : page);
      return;
    }
    if (pathname === '/api/sessions') {
      if (request.method !== 'POST') return sendJson(response, 405, { name: 'NotSupportedError', message: 'Use POST to start a session.' }, { allow: 'POST' });
      // A JSON content type forces a CORS preflight, so other sites cannot start sessions from a form.
      if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return sendJson(response, 415, { name: 'NotSupportedError', message: 'Send Content-Type: application/json.' });
      }
      try {
        await drain(request);
      } catch (error) {
        return sendJson(response, 413, { name: 'DataError', message: (error as Error).message });
      }
      try {
        const created = await sessions.create({ origin: originOf(request) });
        return sendJson(response, 201, created, { location: created.statusUrl });
      } catch (error) {
        const { name, message } = error as Error;
        const status = hasErrorName(error, 'QuotaExceededError') ? 503 : 502;
        return sendJson(response, status, { name, message: status === 502 ? `The workflow service refused: ${message}` : message });
      }
    }
    const match = /^\/api\/sessions\/([A-Za-z0-9-]{1,64})$/.exec(pathname);
    if (match) {
      if (request.method !== 'GET') return sendJson(response, 405, { name: 'NotSupportedError', message: 'Use GET to read a session.' }, { allow: 'GET' });
      const status = sessions.status({ id: match[1] });
      if (!status) return sendJson(response, 404, { name: 'NotFoundError', message: 'No such session (it may have expired).' });
      return sendJson(response, 200, status);
    }
    sendJson(response, 404, { name: 'NotFoundError', message: `Nothing at ${pathname}.` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    async close() {
      sessions.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function originOf(request: IncomingMessage): string {
  const hostHeader = request.headers.host;
  const host = hostHeader && /^[A-Za-z0-9.:[\]-]{1,255}$/.test(hostHeader) ? hostHeader : `${request.socket.localAddress}:${request.socket.localPort}`;
  return `http://${host}`;
}

async function drain(request: IncomingMessage): Promise<void> {
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) {
      throw namedError({ name: 'DataError', message: 'Request body too large.' });
    }
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}
