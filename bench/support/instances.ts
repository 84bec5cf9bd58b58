// Service instances as child processes (each its own Node, so they use the machine's cores as
// separate servers behind a load balancer would), all on one database with one token and one
// brand key, for the multi-instance bench and the load run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateDidKey, keyToJson } from '../../utils/crypto';

const root = resolve(import.meta.dirname, '../..');

export interface Instance {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGKILL: the instance dies mid-request, as a crashed machine would. */
  kill(): void;
  stop(): Promise<void>;
}

/** The configuration every instance shares: token and brand key (in a 0600 file). */
export async function sharedConfiguration() {
  const dir = mkdtempSync(join(tmpdir(), 'ws-instances-'));
  const brandKeyFile = join(dir, 'brand-key.json');
  writeFileSync(brandKeyFile, JSON.stringify(keyToJson({ key: await generateDidKey({ extractable: true }) })), { mode: 0o600 });
  return { dir, token: `bench-${randomBytes(12).toString('hex')}`, brandKeyFile };
}

/** Starts `npm run workflow-service` on a free port; resolves when it prints its URL. */
export function startInstance({ databaseUrl, dataDir, token, brandKeyFile, publicUrl, nodeArgs = [] }: {
  databaseUrl?: string; dataDir?: string; token: string; brandKeyFile: string; publicUrl?: string;
  /** Extra `node` flags (the breakdown bench passes --cpu-prof). */
  nodeArgs?: string[];
}): Promise<Instance> {
  const args = ['--port', '0', '--token', token, '--brand-key-file', brandKeyFile];
  if (databaseUrl) args.push('--database-url', databaseUrl);
  if (dataDir) args.push('--data-dir', dataDir);
  if (publicUrl) args.push('--public-url', publicUrl);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  // `node --import tsx`, not the tsx CLI: the child is the server itself, so SIGKILL kills it
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', resolve(root, 'workflow-service/bin/serve.ts'), ...args], {
    cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err = (err + chunk).slice(-4000); });
  return new Promise((resolveStart, rejectStart) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /Workflow service: (\S+)/.exec(out);
      if (match && out.includes('Database:')) {
        const listen = /Listening on:\s+(\S+)/.exec(out)?.[1];
        resolveStart({
          url: listen ?? match[1],
          child,
          exited,
          kill: () => child.kill('SIGKILL'),
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then((code) => rejectStart(new Error(`workflow service exited (${code}) before it started:\n${err}`)));
  });
}
