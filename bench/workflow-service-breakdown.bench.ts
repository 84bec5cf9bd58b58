// Where the time of one complete provenance exchange goes, under load, as CPU milliseconds per
// exchange in each process: the scripted holders, the service instance, the PostgreSQL backends.
// Run: npx tsx bench/workflow-service-breakdown.bench.ts [--seconds 8] [--holders 8] [--engine pg|pglite]
//
// The setup is the instances bench's first row (one instance, `--holders` concurrent exchanges
// from two holder processes, each warming up 3 s uncounted), with the service and the holders
// under `node --cpu-prof`: each profile sample is charged to a part (bench/support/cpu-profile.ts) — canonicalization,
// signing, the pg client, HTTP, JSON, the service's own code, GC — counting only the measured
// window. PostgreSQL's CPU comes from /proc (its backends), its statements from
// pg_stat_statements (queries per exchange). Beside them, in the same run, the CPU one exchange's
// cryptography alone takes (bench/support/crypto-child.ts): the floor the rest is added to.
//
// Reading it: --cpu-prof samples the main thread on wall time, so a syscall that wakes the peer
// (a socket write to PostgreSQL or a holder) is charged for the time the process then waited
// for the core: `writev` shows 15-20% of the service's self time, while `perf record -e
// cpu-clock` (on-CPU samples only) puts all of the service's kernel time near 8%. The /proc
// totals per process are exact; the split into parts overstates HTTP and the pg client. It also
// leaves out V8's background threads (compiler, concurrent GC): /proc counts them.
import { parseArgs } from 'node:util';
import { spawn, execSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { startPostgres } from '../workflow-service/testing/postgres';
import { sharedConfiguration, startInstance } from './support/instances';
import { runHoldersInChild, type HolderRun } from './support/holder-loop';
import { PARTS, profileParts, topFunctions, type Part } from './support/cpu-profile';

const { values } = parseArgs({ options: {
  seconds: { type: 'string', default: '8' }, holders: { type: 'string', default: '8' }, engine: { type: 'string', default: 'pg' },
} });
const SECONDS = Number(values.seconds);
const HOLDERS = Math.max(2, Number(values.holders));
const ENGINE = values.engine === 'pglite' ? 'pglite' : 'pg';
const PUBLIC = 'http://brand.example';
/** Each holder process's own uncounted warm-up before its measured seconds (holder-loop.ts). */
const WARMUP_SECONDS = 3;
const TICK_MS = 1000 / Number(execSync('getconf CLK_TCK').toString().trim() || 100);

/** utime + stime of a process, ms (0 once it is gone). */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
/** The postmaster serving `dataDir` and its children (backends, writer, …). */
function postgresPids(dataDir: string): number[] {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const cmdline = (pid: number) => { try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return ''; } };
  const ppid = (pid: number) => { try { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]); } catch { return -1; } };
  const master = all.find((pid) => cmdline(pid).includes(dataDir) && cmdline(pid).split('\0')[0].endsWith('/postgres'));
  return master === undefined ? [] : [master, ...all.filter((pid) => ppid(pid) === master)];
}

function cryptoChild(seconds: number): Promise<{ count: number; ms: number; cpuMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'support/crypto-child.ts'), String(seconds)], { cwd: resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  return new Promise((done, fail) => child.once('exit', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`crypto child ${code}`)))));
}

console.log(`workflow-service breakdown bench: ${ENGINE}, 1 instance, ${HOLDERS} concurrent holders, ${SECONDS} s, Node ${process.version}, ${new Date().toISOString()}, ${cpus().length} CPUs`);
console.log(`uptime before: ${execSync('uptime').toString().trim()}`);

const profDir = mkdtempSync(join(tmpdir(), 'ws-breakdown-'));
const postgres = ENGINE === 'pg' ? await startPostgres({ settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } }) : undefined;
const shared = await sharedConfiguration();
let databaseUrl: string | undefined;
let admin: pg.Client | undefined;
if (postgres) {
  const setup = new pg.Client({ connectionString: postgres.url });
  await setup.connect();
  await setup.query('CREATE DATABASE breakdown');
  await setup.end();
  databaseUrl = postgres.url.replace('/postgres?', '/breakdown?');
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('CREATE EXTENSION pg_stat_statements');
}
const instance = await startInstance({
  ...(databaseUrl ? { databaseUrl } : { dataDir: join(shared.dir, 'pglite') }),
  token: shared.token, brandKeyFile: shared.brandKeyFile, publicUrl: PUBLIC,
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(profDir, 'service')}`],
});
const loop = { urls: [instance.url], publicUrl: PUBLIC, token: shared.token };
await runHoldersInChild({ ...loop, concurrency: 2, count: 8 }); // warm-up, not counted

const statements = async () => admin
  ? new Map((await admin.query<{ query: string; calls: number }>(
    `SELECT query, calls::int AS calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'breakdown')`)).rows.map((r) => [r.query, r.calls]))
  : new Map<string, number>();
const pgPids = postgres ? postgresPids(postgres.dir) : [];
// the /proc and pg_stat_statements counters are read when the first holder process starts its
// measured window (both start together and warm up for the same seconds)
let before = { service: 0, postgres: 0, statements: new Map<string, number>() };
let onMeasuring!: () => void;
const measured = new Promise<void>((resolveMeasuring) => { onMeasuring = resolveMeasuring; }).then(async () => {
  before = { service: cpuMsOf(instance.child.pid!), postgres: pgPids.reduce((sum, pid) => sum + cpuMsOf(pid), 0), statements: await statements() };
});
const wall0 = performance.now();
const runs: HolderRun[] = await Promise.all([0, 1].map(() => runHoldersInChild({ ...loop, concurrency: HOLDERS / 2, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS },
  { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(profDir, 'holders')}`], onMeasuring: () => onMeasuring() })));
await measured;
const wallMs = performance.now() - wall0;
const after = { service: cpuMsOf(instance.child.pid!), postgres: pgPids.reduce((sum, pid) => sum + cpuMsOf(pid), 0), statements: await statements() };
await instance.stop(); // writes the service's profile
const outcomes = runs.flatMap((r) => r.outcomes);
const done = outcomes.filter((o) => o.ok && o.credentials.length === 1).length;
const failed = outcomes.length - done;
const windowUs: [number, number] = [Math.min(...runs.map((r) => r.windowUs[0])), Math.max(...runs.map((r) => r.windowUs[1]))];
const runMs = (windowUs[1] - windowUs[0]) / 1000;

// the crypto floor, same machine, right after: one process doing only that cryptography
const crypto = await cryptoChild(Math.min(SECONDS, 5));
await admin?.end();
await postgres?.stop();

const sumParts = (dir: string) => {
  const total = Object.fromEntries([...PARTS, 'idle'].map((p) => [p, 0])) as Record<Part, number>;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const parts = profileParts(join(dir, file), windowUs);
    for (const part of Object.keys(total) as Part[]) total[part] += parts[part];
  }
  return total;
};
// a profile's sample intervals are wall time (a process waiting for a core is charged too): keep
// each part's share, scaled to the CPU the process really used (/proc, process.cpuUsage)
const scaled = (parts: Record<Part, number>, cpuMs: number) => {
  const sum = PARTS.reduce((total, p) => total + parts[p], 0);
  return Object.fromEntries(Object.entries(parts).map(([p, ms]) => [p, sum ? (ms * cpuMs) / sum : 0])) as Record<Part, number>;
};
const profiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
const serviceTop = topFunctions(profiles(join(profDir, 'service')), windowUs, 12);
const holders = scaled(sumParts(join(profDir, 'holders')), runs.reduce((sum, r) => sum + r.cpuMs, 0));
const serviceProcMs = after.service - before.service;
const service = scaled(sumParts(join(profDir, 'service')), serviceProcMs);
if (process.env.KEEP_PROFILES) console.log(`profiles kept in ${profDir}, window ${windowUs.join(' ')}`);
else rmSync(profDir, { recursive: true, force: true });
rmSync(shared.dir, { recursive: true, force: true });

const per = (ms: number) => ms / Math.max(1, done);
const cpuOf = (parts: Record<Part, number>) => PARTS.reduce((sum, p) => sum + parts[p], 0);
const postgresMs = after.postgres - before.postgres;
const cryptoPerExchange = crypto.cpuMs / crypto.count;

console.log('');
console.log(`${done} complete exchanges in ${(runMs / 1000).toFixed(1)} s = ${((done / runMs) * 1000).toFixed(1)}/s (${failed} failed); wall ${(wallMs / 1000).toFixed(1)} s with holder start-up`);
console.log('');
console.log('CPU ms per complete exchange, by process and part (each process\'s measured CPU, split as its profile says):');
const col = (text: string, width: number) => text.padStart(width);
const width = Math.max(...PARTS.map((p) => p.length)) + 2;
console.log(`${'part'.padEnd(width)}${col('holders', 9)}${col('service', 9)}${col('both', 9)}`);
for (const part of PARTS) {
  console.log(`${part.padEnd(width)}${col(per(holders[part]).toFixed(2), 9)}${col(per(service[part]).toFixed(2), 9)}${col(per(holders[part] + service[part]).toFixed(2), 9)}`);
}
console.log(`${'CPU of the process'.padEnd(width)}${col(per(cpuOf(holders)).toFixed(2), 9)}${col(per(cpuOf(service)).toFixed(2), 9)}${col(per(cpuOf(holders) + cpuOf(service)).toFixed(2), 9)}`);
if (postgres) console.log(`${'PostgreSQL backends (/proc)'.padEnd(width)}${col('', 9)}${col('', 9)}${col(per(postgresMs).toFixed(2), 9)}`);

const canon = holders['canonicalize (jsonld, rdf-canonize)'] + service['canonicalize (jsonld, rdf-canonize)'];
const signing = holders['sign / verify (ed25519, sha-256)'] + service['sign / verify (ed25519, sha-256)'] + holders['other credential code (vc, jsigs, did:key)'] + service['other credential code (vc, jsigs, did:key)'];
const db = holders['DB client (pg) + store'] + service['DB client (pg) + store'] + postgresMs;
const http = holders['HTTP (node:http, fetch)'] + service['HTTP (node:http, fetch)'] + holders['JSON parse / stringify'] + service['JSON parse / stringify'];
const rest = holders['workflow service code'] + service['workflow service code'] + holders.GC + service.GC + holders.other + service.other;
const total = canon + signing + db + http + rest;
const share = (ms: number) => `${per(ms).toFixed(2).padStart(7)} ms  ${((ms / total) * 100).toFixed(0).padStart(3)}%`;
console.log('');
console.log('Where the time goes (CPU per exchange, every process):');
console.log(`  crypto: canonicalization      ${share(canon)}`);
console.log(`  crypto: sign/verify + VC code ${share(signing)}`);
console.log(`  DB (pg client + PostgreSQL)   ${share(db)}`);
console.log(`  HTTP + JSON                   ${share(http)}`);
console.log(`  other (service code, GC, …)   ${share(rest)}`);
console.log(`  total                         ${share(total)}   → ${(2000 / per(total)).toFixed(0)}/s if it had both cores`);
console.log(`  crypto alone (one process)    ${cryptoPerExchange.toFixed(2).padStart(7)} ms        → ${(2000 / cryptoPerExchange).toFixed(0)}/s on both cores`);
// the machine's speed moves with the other work on it; this ratio moves much less
console.log(`  total ÷ crypto alone          ${(per(total) / cryptoPerExchange).toFixed(2).padStart(7)}           (150/s on 2 cores at 350/s of crypto needs ≤ 2.33)`);
const used = cpuOf(holders) + cpuOf(service) + postgresMs;
console.log(`  machine: ${(used / runMs * 100).toFixed(0)}% of one core used by this run (of ${cpus().length * 100}%); the rest went to other work (load ${loadavg()[0].toFixed(1)})`);

if (postgres) {
  const calls = [...after.statements].map(([query, n]) => ({ query, n: n - (before.statements.get(query) ?? 0) })).filter((s) => s.n > 0);
  const all = calls.reduce((sum, s) => sum + s.n, 0);
  console.log('');
  console.log(`Statements per exchange (pg_stat_statements): ${(all / Math.max(1, done)).toFixed(1)}`);
  for (const s of calls.sort((a, b) => b.n - a.n).slice(0, 12)) {
    console.log(`  ${(s.n / Math.max(1, done)).toFixed(2).padStart(5)}  ${s.query.replace(/\s+/g, ' ').slice(0, 110)}`);
  }
}
console.log('');
console.log('The service\'s busiest functions (self time, share of its non-idle profile):');
for (const { name, share } of serviceTop) console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
console.log(`uptime after:  ${execSync('uptime').toString().trim()}`);
