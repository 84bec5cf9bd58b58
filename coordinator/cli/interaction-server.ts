// A tiny node:http server that hosts interaction URLs and nothing else (for the CLI).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InteractionHost } from '../lib/index';

export async function startInteractionServer({ interactions, host = '127.0.0.1', port = 0 }: { interactions: InteractionHost; host?: string; port?: number }) {
  const server = createServer((request, response) => {
    interactions.handle(request, response).then(
      (handled) => {
        if (handled) return;
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ name: 'NotFoundError', message: 'Only interaction URLs are served here.' }));
      },
      (error: Error) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ name: 'OperationError', message: error.message }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${shownHost}:${address.port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
