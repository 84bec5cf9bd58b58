// Complete provenance exchanges per second with 1, 2 and 4 service instances on one PostgreSQL,
// and one instance on PGlite, beside the crypto-only bound measured in the same run.
// Run: npx tsx bench/workflow-service-instances.bench.ts [--seconds 8] [--holders 8]
//
// Everything runs on this machine: a throwaway PostgreSQL (Debian's binaries, see
// workflow-service/testing/postgres.ts), each instance its own Node process (bin/serve.ts,
// shared token and brand key, one public URL as behind a load balancer), the scripted holders in
// two processes (`--holders` concurrent exchanges in all, round-robin over the instances; each
// process runs 3 s of exchanges before its measured seconds, uncounted, so that its own JIT
// warm-up is not in the window). A
// complete exchange = coordinator create, wallet GET protocols, POST {}, holder signs, POST VP
// (verify + issue), coordinator GET: five HTTP round trips, three stored changes.
// The crypto-only bound: two processes doing only that cryptography (sign VP, verify VP, issue
// VC) for half a row's time just before each row — what the machine could do at that moment with
// no HTTP, JSON or database at all. Where the rest of the time goes: workflow-service-breakdown.bench.ts.
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { execSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { startPostgres } from '../workflow-service/testing/postgres';
import { sharedConfiguration, startInstance, type Instance } from './support/instances';
import { runHoldersInChild } from './support/holder-loop';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, holders: { type: 'string', default: '8' } } });
const SECONDS = Number(values.seconds);
const HOLDERS = Math.max(2, Number(values.holders));
const PUBLIC = 'http://brand.example';
/** Each holder process's own uncounted warm-up before its measured seconds (holder-loop.ts). */
const WARMUP_SECONDS = 3;
const tsxCli = resolve(import.meta.dirname, '../node_modules/tsx/dist/cli.mjs');

function cryptoChild(seconds: number): Promise<{ count: number; ms: number }> {
  const child = spawn(process.execPath, [tsxCli, resolve(import.meta.dirname, 'support/crypto-child.ts'), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  return new Promise((done, fail) => child.once('exit', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`crypto child ${code}`)))));
}

const postgres = await startPostgres();
const shared = await sharedConfiguration();
const admin = new pg.Client({ connectionString: postgres.url });
await admin.connect();

async function measure(label: string, engine: 'pg' | 'pglite', count: number) {
  let instances: Instance[] = [];
  try {
    if (engine === 'pg') {
      const name = `bench_${label.replace(/\W/g, '_')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = postgres.url.replace('/postgres?', `/${name}?`);
      // the first instance migrates; the others start beside it
      instances.push(await startInstance({ databaseUrl: url, token: shared.token, brandKeyFile: shared.brandKeyFile, publicUrl: PUBLIC }));
      instances.push(...(await Promise.all(Array.from({ length: count - 1 }, () =>
        startInstance({ databaseUrl: url, token: shared.token, brandKeyFile: shared.brandKeyFile, publicUrl: PUBLIC })))));
    } else {
      instances = [await startInstance({ dataDir: join(shared.dir, `pglite-${label}`), token: shared.token, brandKeyFile: shared.brandKeyFile, publicUrl: PUBLIC })];
    }
    const urls = instances.map((i) => i.url);
    const loop = { urls, publicUrl: PUBLIC, token: shared.token };
    // warm-up (JIT, connection pools, the first signatures), not counted: 30 exchanges' worth of
    // requests per instance — with 4 per instance, as before, the measured seconds still ran
    // canonicalization unoptimized, more so the more instances shared the traffic
    await runHoldersInChild({ ...loop, concurrency: 4, count: 30 * count });
    const runs = await Promise.all([0, 1].map(() => runHoldersInChild({ ...loop, concurrency: HOLDERS / 2, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS })));
    const outcomes = runs.flatMap((r) => r.outcomes);
    const ms = Math.max(...runs.map((r) => r.ms));
    const done = outcomes.filter((o) => o.ok && o.credentials.length === 1).length;
    const failed = outcomes.filter((o) => !o.ok);
    return { label, rate: (done / ms) * 1000, done, failed: failed.length, errors: [...new Set(failed.flatMap((o) => o.errors))].slice(0, 3) };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
  }
}

console.log(`workflow-service instances bench: ${SECONDS} s per row, ${HOLDERS} concurrent holders, Node ${process.version}, ${new Date().toISOString()}, ${cpus().length} CPUs`);
console.log(`uptime before: ${execSync('uptime').toString().trim()}`);
// The crypto-only bound is measured right before each row (half the row's seconds): on a machine
// shared with other work the load swings within one run, and a row is compared with the bound
// of its own moment.
const bound = async () => (await Promise.all([cryptoChild(SECONDS / 2), cryptoChild(SECONDS / 2)])).reduce((sum, c) => sum + (c.count / c.ms) * 1000, 0);
const rows: (Awaited<ReturnType<typeof measure>> & { bound: number })[] = [];
for (const [label, engine, count] of [['pg x1', 'pg', 1], ['pg x2', 'pg', 2], ['pg x4', 'pg', 4], ['pglite x1', 'pglite', 1]] as const) {
  const before = await bound();
  rows.push({ ...(await measure(label, engine, count)), bound: before });
}
await admin.end();
await postgres.stop();
rmSync(shared.dir, { recursive: true, force: true });

console.log('');
console.log(`${'configuration'.padEnd(34)} ${'exchanges/s'.padStart(11)}  ${'crypto bound'.padStart(12)}  ${'÷ bound'.padStart(7)}  completed  failed`);
for (const row of rows) {
  const name = row.label.startsWith('pg ') ? `${row.label.slice(4)} instance(s) on one PostgreSQL` : '1 instance on PGlite (its data dir)';
  console.log(`${name.padEnd(34)} ${row.rate.toFixed(1).padStart(11)}  ${row.bound.toFixed(1).padStart(12)}  ${(row.rate / row.bound).toFixed(2).padStart(7)}  ${String(row.done).padStart(9)}  ${String(row.failed).padStart(6)}${row.errors.length ? `  ${row.errors.join(' ')}` : ''}`);
}
console.log('crypto bound: two processes doing only the cryptography of exchanges, measured just before the row');
console.log(`uptime after:  ${execSync('uptime').toString().trim()}  (load ${loadavg()[0].toFixed(1)})`);
