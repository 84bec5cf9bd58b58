// A scriptable OID4VP verifier on 127.0.0.1 for the engine's tests: serves a request object the
// test builds (signed, unsigned, plain JSON, or wrong on purpose) at /request, records every
// request-object fetch and every direct_post answer at /response. Stops with close().
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VerifierCalls {
  fetches: { method: string; form: Record<string, string> }[];
  answers: Record<string, string>[];
}

export interface TestVerifier {
  baseUrl: string;
  requestUri: string;
  responseUri: string;
  calls: VerifierCalls;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

export async function startTestVerifier({ requestObject, answer = { redirect_uri: 'https://verifier.example/done' } }: {
  /** The body served at /request: a JWT string or a JSON object (given the URLs and any wallet_nonce). */
  requestObject: (ctx: { responseUri: string; baseUrl: string; walletNonce?: string }) => Promise<string | Record<string, unknown>>;
  /** The JSON reply to a direct_post answer. */
  answer?: Record<string, unknown>;
}): Promise<TestVerifier> {
  const calls: VerifierCalls = { fetches: [], answers: [] };
  let baseUrl = '';
  const server = createServer(async (req, res) => {
    try {
      const form = req.method === 'POST' ? await readForm(req) : {};
      if (req.url === '/request') {
        calls.fetches.push({ method: req.method ?? 'GET', form });
        const body = await requestObject({ responseUri: `${baseUrl}/response`, baseUrl, walletNonce: form.wallet_nonce });
        res.writeHead(200, { 'content-type': typeof body === 'string' ? 'application/oauth-authz-req+jwt' : 'application/json' })
          .end(typeof body === 'string' ? body : JSON.stringify(body));
      } else if (req.url === '/response' && req.method === 'POST') {
        calls.answers.push(form);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      } else res.writeHead(404).end();
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const timer = setTimeout(() => server.close(), 120_000);
  timer.unref();
  return {
    baseUrl, requestUri: `${baseUrl}/request`, responseUri: `${baseUrl}/response`, calls,
    close: () => new Promise((resolve) => { clearTimeout(timer); server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
