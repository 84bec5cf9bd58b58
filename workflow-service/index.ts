// The local VCALM workflow service, shaped like @bedrock/vc-delivery. See README.md.
import { createServer } from 'node:http';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadBrandKey } from './brand-key';
import { DEFAULT_BODY_LIMIT } from './http';
import { KeyedQueue } from './keyed-queue';
import { createHandler, type ServiceContext } from './routes';
import { ExchangeStore } from './store';
import { createFileStatusStore, createStatusLists } from './status-lists';
import { DEFAULT_WORKFLOWS_FILE, loadWorkflows } from './workflows';

export interface WorkflowServiceOptions {
  host?: string;
  port?: number;
  /** Bearer token for create/read; a random one when omitted (read it from the result). */
  token?: string;
  /** Where exchanges and the brand key live; when omitted, a temporary directory removed by close(). */
  dataDir?: string;
  workflowsFile?: string;
  /** Largest accepted request body in bytes (default 1 MB). */
  bodyLimit?: number;
  /** The origin/base URL wallets see, when the service sits behind a proxy. */
  publicUrl?: string;
  log?: (line: string) => void;
}

export interface WorkflowService {
  baseUrl: string;
  token: string;
  workflowUrl(id: string): string;
  /** The brand's DID, issuer of every credential. */
  issuer: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startWorkflowService({
  host = '127.0.0.1',
  port = 0,
  token,
  dataDir,
  workflowsFile = DEFAULT_WORKFLOWS_FILE,
  bodyLimit = DEFAULT_BODY_LIMIT,
  publicUrl,
  log,
}: WorkflowServiceOptions = {}): Promise<WorkflowService> {
  if (token !== undefined && (typeof token !== 'string' || token.length < 16 || /\s/.test(token))) {
    throw new TypeError('"token" must be a string of at least 16 characters without spaces.');
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('"port" must be 0-65535.');
  const workflows = await loadWorkflows({ file: workflowsFile });
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'workflow-service-')));
  const store = new ExchangeStore({ dataDir: dir });
  const queue = new KeyedQueue();
  const secret = token ?? randomBytes(24).toString('base64url');
  const ctx = { token: secret, bodyLimit, store, queue, workflows, log } as ServiceContext;
  ctx.statusLists = createStatusLists({
    baseUrl: () => ctx.baseUrl,
    brandKey: () => ctx.brandKey,
    store: createFileStatusStore({ dataDir: dir }),
  });
  const server = createServer(createHandler(ctx));
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await store.init();
    await store.sweep();
    ctx.brandKey = await loadBrandKey({ dataDir: dir });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const baseUrl = (publicUrl ?? `http://${hostPart}:${address.port}`).replace(/\/+$/, '');
  ctx.baseUrl = baseUrl;
  ctx.origin = new URL(baseUrl).origin;
  const sweeper = setInterval(() => void store.sweep().catch(() => undefined), 3600_000);
  sweeper.unref();

  return {
    baseUrl,
    token: secret,
    issuer: ctx.brandKey.did,
    dataDir: dir,
    workflowUrl: (id: string) => `${baseUrl}/workflows/${id}`,
    close: async () => {
      clearInterval(sweeper);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await queue.drain();
      if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
