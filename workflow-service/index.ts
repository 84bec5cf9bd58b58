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
import { ExchangeStore, type ServiceStore } from './store';
import { createCallbackSender, type CallbackOptions } from './callbacks';
import { EXCHANGE_SHAPES, type ExchangeShape } from './exchange-view';
import { logEvent } from './log';
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
  /** Structured logs: one JSON object per line (log.ts). Omitted = quiet. */
  log?: (line: string) => void;
  /** What GET {exchange} answers when the `Exchange-Shape` header does not say: bedrock's `wrapped` (default) or VCALM's `flat`. */
  exchangeShape?: ExchangeShape;
  /** Step callback retries (VCALM §3.6.7). */
  callbacks?: CallbackOptions;
  /** On close(), how long in-flight requests may take before their connections are cut (default 10 s). */
  shutdownGraceMs?: number;
  /**
   * On close(), how long to keep serving with /ready at 503 before refusing connections (default
   * 0): behind a load balancer, at least its health-check interval times its unhealthy threshold.
   */
  drainDelayMs?: number;
  /** A store other than the JSON files in `dataDir` (it must implement ServiceStore). */
  store?: ServiceStore;
}

export interface WorkflowService {
  baseUrl: string;
  token: string;
  workflowUrl(id: string): string;
  /** The brand's DID, issuer of every credential. */
  issuer: string;
  dataDir: string;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /**
   * Graceful stop: /ready answers 503 (for `drainDelayMs` while still serving), refuse new connections, let in-flight requests (and so
   * participations) finish (at most `shutdownGraceMs`), stop step-callback retries, close the store.
   */
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
  exchangeShape = 'wrapped',
  callbacks: callbackOptions,
  shutdownGraceMs = 10_000,
  drainDelayMs = 0,
  store: givenStore,
}: WorkflowServiceOptions = {}): Promise<WorkflowService> {
  if (!EXCHANGE_SHAPES.includes(exchangeShape)) throw new TypeError('"exchangeShape" must be "wrapped" or "flat".');
  if (!Number.isInteger(drainDelayMs) || drainDelayMs < 0 || drainDelayMs > 600_000) throw new TypeError('"drainDelayMs" must be 0-600000.');
  if (token !== undefined && (typeof token !== 'string' || token.length < 16 || /\s/.test(token))) {
    throw new TypeError('"token" must be a string of at least 16 characters without spaces.');
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('"port" must be 0-65535.');
  const workflows = await loadWorkflows({ file: workflowsFile });
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'workflow-service-')));
  const store: ServiceStore = givenStore ?? new ExchangeStore({ dataDir: dir });
  const queue = new KeyedQueue();
  const secret = token ?? randomBytes(24).toString('base64url');
  const callbacks = createCallbackSender({ ...callbackOptions, log });
  const ctx = { token: secret, bodyLimit, store, queue, workflows, log, exchangeShape, callbacks } as ServiceContext;
  ctx.statusLists = createStatusLists({
    baseUrl: () => ctx.baseUrl,
    brandKey: () => ctx.brandKey,
    store: createFileStatusStore({ dataDir: dir }),
  });
  const handler = createHandler(ctx);
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    void handler(req, res);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await store.init();
    // the workflow file is a seed: its workflows are (re)written to the store at every start
    for (const workflow of workflows.values()) await store.putWorkflow({ workflow });
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
  // a failed sweep is retried at the next tick; say so in the log rather than dropping it
  const sweeper = setInterval(() => void store.sweep().catch((error: unknown) => console.error(JSON.stringify({ event: 'sweep-failed', error: String((error as Error)?.message ?? error) }))), 3600_000);
  sweeper.unref();

  return {
    baseUrl,
    token: secret,
    issuer: ctx.brandKey.did,
    dataDir: dir,
    workflowUrl: (id: string) => `${baseUrl}/workflows/${id}`,
    get inFlight() {
      return inFlight;
    },
    close: async () => {
      clearInterval(sweeper);
      ctx.draining = true;
      if (drainDelayMs > 0) {
        // still serving, /ready at 503: the load balancer takes this instance out first
        logEvent(log, { event: 'draining', ms: drainDelayMs });
        await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
      }
      logEvent(log, { event: 'shutdown', inFlight });
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => { idle = resolve; }),
          new Promise<void>((resolve) => { timer = setTimeout(resolve, shutdownGraceMs); }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections(); // keep-alive sockets with nothing in flight, or the grace ran out
      await closed;
      await queue.drain();
      await callbacks.close();
      await store.close();
      logEvent(log, { event: 'stopped' });
      if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
