// startVerifier: the demo verifier's node:http server. Routes:
//   GET  /                 the page
//   POST /api/challenges   → {challenge, domain, expires}: single use, for the next get()
//   POST /api/verify       {challenge, presentation} → the provenance check (see check-provenance.ts)
// The domain is the verifier's configured origin (never the request's Host header, which any
// client sets), so a presentation made for another site fails.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChallengeStore } from './challenges';
import { checkProvenancePresentation } from './check-provenance';
import { renderVerifierPage } from './verifier-page';

export interface StartVerifierOptions {
  host?: string;
  port?: number;
  /** Issuer DIDs to trust (e.g. the workflow service's); empty: issuer not checked. */
  trustedIssuers?: string[];
  title?: string;
  /** The origin pages are served from (behind a proxy, say); default: the listening address. */
  publicOrigin?: string;
}

export interface Verifier {
  url: string;
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startVerifier({ host = '127.0.0.1', port = 0, trustedIssuers = [], title, publicOrigin }: StartVerifierOptions = {}): Promise<Verifier> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('"port" must be an integer from 0 to 65535.');
  if (!Array.isArray(trustedIssuers) || !trustedIssuers.every((d) => typeof d === 'string' && d)) {
    throw new TypeError('"trustedIssuers" must be an array of DIDs.');
  }
  if (publicOrigin !== undefined) {
    let parsed: URL | undefined;
    try { parsed = new URL(publicOrigin); } catch { parsed = undefined; }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== publicOrigin.replace(/\/$/, '')) {
      throw new TypeError('"publicOrigin" must be an http(s) origin such as https://verifier.example.');
    }
  }
  const challenges = createChallengeStore();
  const page = renderVerifierPage({ title });
  let origin = '';

  // Presentations are bound to the configured origin. Not the Host header: a relay could set it
  // to any site's name and collect presentations bound to that site.
  const pageOrigin = (): string => (publicOrigin ? new URL(publicOrigin).origin : origin);

  const server = createServer((request, response) => {
    route(request, response).catch((error: Error) => {
      if (!response.headersSent) sendJson(response, 500, { name: 'OperationError', message: error.message });
      else response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse) {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(page);
      return;
    }
    if (request.method === 'POST' && pathname === '/api/challenges') {
      sendJson(response, 200, challenges.issue({ domain: pageOrigin() }));
      return;
    }
    if (request.method === 'POST' && pathname === '/api/verify') {
      const body = await readJson(request);
      if (!body.ok) return sendJson(response, body.status, { name: 'DataError', message: body.message });
      const { challenge, presentation } = body.value as { challenge?: unknown; presentation?: unknown };
      const domain = typeof challenge === 'string' ? challenges.consume(challenge) : undefined;
      if (typeof challenge !== 'string' || !domain) {
        return sendJson(response, 400, { name: 'NotAllowedError', message: 'Unknown, used or expired challenge; ask for a new one.' });
      }
      sendJson(response, 200, await checkProvenancePresentation({ presentation, challenge, domain, trustedIssuers }));
      return;
    }
    sendJson(response, 404, { name: 'NotFoundError', message: `No route ${request.method} ${pathname}.` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: `${origin}/`,
    origin: pageOrigin(),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: `The body is larger than ${MAX_BODY_BYTES} bytes.` };
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return { ok: true, value };
  } catch {
    return { ok: false, status: 400, message: 'The body must be a JSON object {challenge, presentation}.' };
  }
}
