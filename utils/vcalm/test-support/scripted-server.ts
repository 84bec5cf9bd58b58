// A tiny real HTTP server on 127.0.0.1 that answers with scripted replies, for the reply shapes
// the local workflow service never sends (DCC bare VPs, arrays, redirect chains, odd error bodies).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown; // sent as application/json
  text?: string; // sent as is
  hang?: boolean; // never answer
  chunks?: { size: number; count: number }; // stream count × size bytes of JSON-ish filler
}

export type Route = (req: Seen, server: ScriptedServer) => Reply | Promise<Reply>;

export interface ScriptedServer {
  url: string; // http://127.0.0.1:port
  seen: Seen[];
  routes: Map<string, Route>; // "METHOD /path" (path includes the query) or "METHOD /path*" prefix
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try { return JSON.parse(text); } catch { return text; }
}

function find(routes: Map<string, Route>, key: string): Route | undefined {
  if (routes.has(key)) return routes.get(key);
  const withoutQuery = key.split('?')[0];
  if (routes.has(withoutQuery)) return routes.get(withoutQuery);
  for (const [pattern, route] of routes) {
    if (pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1))) return route;
  }
  return undefined;
}

export async function startScriptedServer({ routes = {} }: { routes?: Record<string, Route> } = {}): Promise<ScriptedServer> {
  const self = { seen: [] as Seen[], routes: new Map(Object.entries(routes)) } as ScriptedServer;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const seen: Seen = { method: req.method!, path: req.url!, headers: req.headers, body: await readBody(req) };
    self.seen.push(seen);
    const route = find(self.routes, `${req.method} ${req.url}`);
    const reply: Reply = route ? await route(seen, self) : { status: 404, json: { name: 'NotFoundError', message: 'no such route' } };
    if (reply.hang) return;
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    if (reply.chunks) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...headers });
      const chunk = 'x'.repeat(reply.chunks.size);
      res.write('{"filler":"');
      for (let i = 0; i < reply.chunks.count && !res.destroyed; i++) {
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      }
      res.end('"}');
      return;
    }
    let payload = '';
    if (reply.json !== undefined) {
      payload = JSON.stringify(reply.json);
      headers['content-type'] ??= 'application/json';
    } else if (reply.text !== undefined) payload = reply.text;
    headers['content-length'] ??= String(Buffer.byteLength(payload));
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return self;
}
