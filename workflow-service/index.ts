// The local VCALM workflow service, shaped like @bedrock/vc-delivery. See README.md.
import { createServer } from 'node:http';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadBrandKey, loadToken, withSigningKey } from './brand-key';
import { DEFAULT_BODY_LIMIT } from './http';
import { createHandler, type ServiceContext } from './routes';
import type { ServiceStore } from './store';
import { openPglite, openPostgres, type Database, type EngineName } from './db';
import { SqlStore } from './sql-store';
import type { WalletKey } from '../utils/crypto';
import { namedError } from '../utils/errors';
import { createCallbackSender, type CallbackOptions } from './callbacks';
import { EXCHANGE_SHAPES, type ExchangeShape } from './exchange-view';
import { logEvent } from './log';
import { createStatusLists, type StatusStore } from './status-lists';
import { DEFAULT_WORKFLOWS_FILE, loadWorkflows } from './workflows';

export interface WorkflowServiceOptions {
  host?: string;
  port?: number;
  /**
   * Bearer token for create/read. Omitted: the one kept in `{dataDir}/service-token` (made on
   * first start). With `databaseUrl` it must be given: every instance shares it.
   */
  token?: string;
  /**
   * The brand's signing key. Omitted: the one kept in `{dataDir}/brand-key.json` (made on first
   * start). With `databaseUrl` it must be given: every instance signs as the same issuer.
   */
  brandKey?: WalletKey;
  /**
   * PostgreSQL (`postgres://…`, any server): exchanges, workflows and status lists live there and
   * any number of instances may share it. Omitted: PGlite in `{dataDir}/pgdata` (one instance).
   */
  databaseUrl?: string;
  /** The schema the tables live in (default `workflow_service`). */
  databaseSchema?: string;
  /**
   * Where the PGlite database, the brand key and the token live; when omitted, a temporary
   * directory removed by close(), and the tables in a schema of an in-memory PGlite shared by
   * the process (dropped by close()).
   */
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
  /** A store other than the SQL one (it must implement ServiceStore; status lists then stay in memory). */
  store?: ServiceStore;
}

/** One in-memory PGlite per process for services started without a data directory (tests, benches). */
let sharedMemoryDb: Promise<Database> | undefined;

async function openStore({ databaseUrl, databaseSchema, dataDir }: { databaseUrl?: string; databaseSchema?: string; dataDir?: string }) {
  if (databaseUrl) return { store: new SqlStore({ db: await openPostgres({ url: databaseUrl }), schema: databaseSchema }), ephemeral: false };
  if (dataDir) return { store: new SqlStore({ db: await openPglite({ dir: join(dataDir, 'pgdata') }), schema: databaseSchema }), ephemeral: false };
  sharedMemoryDb ??= openPglite({}).catch((error) => {
    sharedMemoryDb = undefined;
    throw error;
  });
  const db = await sharedMemoryDb;
  const schema = databaseSchema ?? `ws_${randomBytes(8).toString('hex')}`;
  // the shared database stays open for the next service; close() drops this one's schema
  return { store: new SqlStore({ db: { ...db, close: async () => undefined }, schema }), ephemeral: databaseSchema === undefined };
}

export interface WorkflowService {
  baseUrl: string;
  token: string;
  workflowUrl(id: string): string;
  /** The brand's DID, issuer of every credential. */
  issuer: string;
  dataDir: string;
  /** Where this instance listens (`baseUrl` is the public URL when one was given). */
  listenUrl: string;
  /** Which SQL engine holds the data. */
  engine: EngineName | 'custom';
  /** The store (tests read what it holds). */
  store: ServiceStore;
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
  brandKey,
  databaseUrl,
  databaseSchema,
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
  if (databaseUrl && !givenStore && (token === undefined || brandKey === undefined)) {
    throw namedError({
      name: 'NotAllowedError',
      message: 'With a shared PostgreSQL (databaseUrl / DATABASE_URL) give the token and the brand key (WORKFLOW_SERVICE_TOKEN, WORKFLOW_SERVICE_BRAND_KEY_FILE): every instance must use the same ones.',
    });
  }
  const workflows = await loadWorkflows({ file: workflowsFile });
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'workflow-service-')));
  let store: ServiceStore;
  let ephemeral = false;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (givenStore) store = givenStore;
    else ({ store, ephemeral } = await openStore({ databaseUrl, databaseSchema, dataDir }));
  } catch (error) {
    if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const queue = store.queue;
  const callbacks = createCallbackSender({ ...callbackOptions, log });
  const ctx = { bodyLimit, store, queue, workflows, log, exchangeShape, callbacks } as ServiceContext;
  const statusStore = store instanceof SqlStore ? (store as StatusStore) : undefined;
  if (statusStore) {
    ctx.statusLists = createStatusLists({
      baseUrl: () => ctx.baseUrl,
      brandKey: () => ctx.brandKey,
      store: statusStore,
    });
  }
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
    await store.init();
    if (store instanceof SqlStore && dataDir !== undefined) {
      const imported = await store.importJsonFiles({ dataDir });
      if (imported.exchanges + imported.workflows + imported.statuses) logEvent(log, { event: 'import', ...imported });
    }
    // the workflow file is a seed: its workflows are (re)written to the store at every start
    for (const workflow of workflows.values()) await store.putWorkflow({ workflow });
    await store.sweep();
    ctx.brandKey = await withSigningKey(brandKey ?? (await loadBrandKey({ dataDir: dir })));
    ctx.token = token ?? (await loadToken({ dataDir: dir }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    if (ephemeral) await (store as SqlStore).drop().catch(() => undefined);
    await store.close().catch(() => undefined);
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
    token: ctx.token,
    issuer: ctx.brandKey.did,
    dataDir: dir,
    listenUrl: `http://${hostPart}:${address.port}`,
    engine: store instanceof SqlStore ? store.db.engine : 'custom',
    store,
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
      await callbacks.close();
      if (ephemeral) await (store as SqlStore).drop().catch(() => undefined);
      await store.close();
      logEvent(log, { event: 'stopped' });
      if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
