// Scripted holders for the multi-instance bench and the load run: each loop runs complete
// provenance exchanges (coordinator create → wallet protocols → {} → signed VP → coordinator
// read) against instances picked round-robin, as a load balancer would. The instances share a
// public URL (the VPR's domain); requests go to each instance's own address.
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { generateDidKey } from '../../utils/crypto';
import { answer, type HttpReply } from '../../workflow-service/testing/holder';

/**
 * The holders' HTTP client: node:http on keep-alive connections, not fetch. The scripted holders
 * share the machine with the service; fetch (undici, web streams, AbortSignals) cost them ~4-6 ms
 * of CPU per exchange, more than the service's own HTTP, which the bench then counted against
 * the service. A real wallet spends that on its own machine.
 */
const agent = new Agent({ keepAlive: true });
function request({ url, method = 'GET', body, token }: { url: string; method?: string; body?: unknown; token?: string }): Promise<HttpReply> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (text !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
  }
  return new Promise((resolveReply, rejectReply) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', rejectReply);
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = raw;
        try {
          parsed = raw ? JSON.parse(raw) : undefined;
        } catch {
          // keep the text
        }
        const replyHeaders = { get: (name: string) => { const v = res.headers[name.toLowerCase()]; return v === undefined ? null : String(v); } };
        resolveReply({ status: res.statusCode ?? 0, headers: replyHeaders as unknown as Headers, body: parsed });
      });
    });
    req.on('error', rejectReply);
    req.end(text);
  });
}

export interface LoopOptions {
  /** Each instance's own base URL (where requests are sent). */
  urls: string[];
  /** The base URL every instance calls itself (their `--public-url`). */
  publicUrl: string;
  token: string;
  concurrency: number;
  /** Stop starting exchanges after this many ms … */
  seconds?: number;
  /** … or after this many exchanges in all. */
  count?: number;
  /**
   * Run exchanges for this many seconds first, not counted: the holder process's own JIT warm-up
   * (a fresh process compiles jsonld, the signing and HTTP code while it runs) would otherwise
   * land in the measured window and take CPU from the service on this 2-core machine.
   */
  warmupSeconds?: number;
  /** Retry a request on another instance when one does not answer (the load run kills one). */
  failover?: boolean;
}

export interface ExchangeOutcome {
  id?: string;
  /** credentials this holder received for the exchange */
  credentials: string[];
  /** what went wrong, by name (documented errors only are expected) */
  errors: string[];
  ok: boolean;
}

export interface HolderRun {
  outcomes: ExchangeOutcome[];
  ms: number;
  windowUs: [number, number];
  /** this process's CPU (user + system) in the window, ms */
  cpuMs: number;
}

export async function runHolders(options: LoopOptions, { onMeasuring }: { onMeasuring?: () => void } = {}): Promise<HolderRun> {
  const { urls, publicUrl, token, concurrency } = options;
  const dead = new Set<number>();
  let next = 0;
  const pick = () => {
    for (let i = 0; i < urls.length; i++) {
      const index = next++ % urls.length;
      if (!dead.has(index)) return index;
    }
    throw new Error('no instance answers');
  };
  /** One request through the "load balancer": a refused connection marks the instance dead and goes to the next. */
  async function send(path: string, init: { method?: string; body?: unknown; token?: string }, errors: string[]): Promise<HttpReply> {
    for (let attempt = 0; ; attempt++) {
      const index = pick();
      try {
        return await request({ url: `${urls[index]}${path}`, ...init });
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code ?? (error as Error).name;
        errors.push(`connection:${code}`);
        if (!options.failover || attempt > urls.length) throw error;
        dead.add(index);
      }
    }
  }
  const key = await generateDidKey();
  let outcomes: ExchangeOutcome[] = [];
  let deadline = Infinity;
  let started = 0;
  let t0 = 0;
  let startedNs = 0n;
  let cpu0 = process.cpuUsage();
  const begin = (seconds: number | undefined) => {
    outcomes = [];
    started = 0;
    deadline = seconds ? Date.now() + seconds * 1000 : Infinity;
    t0 = performance.now();
    startedNs = process.hrtime.bigint();
    cpu0 = process.cpuUsage();
  };
  async function one(): Promise<ExchangeOutcome> {
    const outcome: ExchangeOutcome = { credentials: [], errors: [], ok: false };
    try {
      const created = await send('/workflows/provenance-issuance/exchanges', { method: 'POST', token, body: { variables: { subject: 'did:example:bag-1', sku: 'SKU-1' } } }, outcome.errors);
      if (created.status !== 204) throw Object.assign(new Error('create'), { name: `create:${created.status}:${created.body?.name}` });
      const path = created.headers.get('location')!.slice(publicUrl.length);
      outcome.id = path.split('/').pop();
      const protocols = await send(`${path}/protocols`, {}, outcome.errors);
      if (protocols.status !== 200) throw Object.assign(new Error('protocols'), { name: `protocols:${protocols.status}:${protocols.body?.name}` });
      const start = await send(path, { method: 'POST', body: {} }, outcome.errors);
      if (start.status !== 200) throw Object.assign(new Error('start'), { name: `start:${start.status}:${start.body?.name}` });
      const vp = await answer({ key, vpr: start.body.verifiablePresentationRequest });
      // the VP may be sent again after a lost reply: the exchange then answers 403 "complete"
      let final: HttpReply | undefined;
      for (let tries = 0; tries < 3 && !final; tries++) {
        const before = outcome.errors.length;
        try {
          final = await send(path, { method: 'POST', body: { verifiablePresentation: vp } }, outcome.errors);
        } catch (error) {
          if (outcome.errors.length === before) throw error;
        }
      }
      if (!final) throw Object.assign(new Error('final'), { name: 'final:no-answer' });
      if (final.status === 200) {
        for (const credential of final.body.verifiablePresentation.verifiableCredential) outcome.credentials.push(credential.id);
      } else {
        outcome.errors.push(`final:${final.status}:${final.body?.name}:${final.body?.message ?? ''}`);
      }
      const read = await send(path, { token }, outcome.errors);
      outcome.ok = read.status === 200 && read.body.exchange.state === 'complete';
      if (!outcome.ok) outcome.errors.push(`read:${read.status}:${read.body?.exchange?.state ?? read.body?.name}`);
    } catch (error) {
      outcome.errors.push((error as Error).name);
    }
    return outcome;
  }
  const loops = () => Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline && (options.count === undefined || started < options.count)) {
      started++;
      outcomes.push(await one());
    }
  }));
  if (options.warmupSeconds) {
    begin(options.warmupSeconds);
    await loops();
  }
  begin(options.seconds);
  onMeasuring?.();
  await loops();
  // the measured window on the machine's monotonic clock (µs, as in a --cpu-prof profile)
  const cpu = process.cpuUsage(cpu0);
  return { outcomes, ms: performance.now() - t0, windowUs: [Number(startedNs / 1000n), Number(process.hrtime.bigint() / 1000n)], cpuMs: (cpu.user + cpu.system) / 1000 };
}

const root = resolve(import.meta.dirname, '../..');

/**
 * Runs `runHolders` in a child process (its own core); resolves with its outcomes. `node --import
 * tsx`, not the tsx CLI: the child is the holder process itself (its pid, its --cpu-prof).
 */
export function runHoldersInChild(options: LoopOptions, { nodeArgs = [], onSpawn, onMeasuring }: {
  nodeArgs?: string[]; onSpawn?: (pid: number) => void;
  /** Called when the child's measured window starts (after its warm-up). */
  onMeasuring?: () => void;
} = {}): Promise<HolderRun> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', resolve(import.meta.dirname, 'holder-child.ts'), JSON.stringify(options)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.pid !== undefined) onSpawn?.(child.pid);
  let out = '';
  let measuring = false;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (!measuring && out.includes('measuring\n')) {
      measuring = true;
      onMeasuring?.();
    }
  });
  return new Promise((resolveRun, rejectRun) => {
    child.once('exit', (code) => {
      if (code !== 0) return rejectRun(new Error(`holder process exited ${code}`));
      resolveRun(JSON.parse(out.slice(out.indexOf('{'))));
    });
  });
}
