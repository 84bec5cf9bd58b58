// A real, throwaway PostgreSQL for tests, benches and the load run: Debian's server binaries
// (`/usr/lib/postgresql/<version>/bin`, package `postgresql`), `initdb` in a temporary folder,
// listening only on a Unix socket in that folder, stopped (and the folder removed) by `stop()`
// or when this process exits. The server refuses to run as root, so as root it runs as the
// `postgres` user (spawned with its uid/gid, as `runuser -u postgres` would, but so that the
// child is the server itself and a signal reaches it). Missing binaries fail loudly:
// PostgresNotFoundError.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { namedError } from '../../utils/errors';

export interface RunningPostgres {
  /** `postgres://postgres@localhost/postgres?host=<socket dir>` */
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` that has initdb and postgres. */
export function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  throw namedError({
    name: 'PostgresNotFoundError',
    message: `No PostgreSQL server in ${root}/<version>/bin (initdb, postgres). Install Debian's package: apt-get install postgresql.`,
  });
}

/** `settings`: extra server settings (`-c name=value`), e.g. the breakdown bench's pg_stat_statements. */
export async function startPostgres({ log = false, settings = {} }: { log?: boolean; settings?: Record<string, string> } = {}): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'vcalm-pg-'));
  const data = join(dir, 'data');
  const user = asRoot ? 'postgres' : userInfo().username;
  const uid = asRoot ? Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined;
  const gid = asRoot ? Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined;
  if (asRoot) {
    if (!Number.isInteger(uid)) throw namedError({ name: 'PostgresNotFoundError', message: 'There is no "postgres" user to run the server as (the Debian package makes it).' });
    chownSync(dir, uid!, gid!);
  }
  const as = asRoot ? { uid, gid, env: { ...process.env, HOME: dir, USER: 'postgres' } } : {};
  const command = (program: string, args: string[]) => ({ cmd: join(bin, program), args });

  const init = command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--no-instructions']);
  const made = spawnSync(init.cmd, init.args, { encoding: 'utf8', cwd: dir, ...as });
  if (made.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw namedError({ name: 'OperationError', message: `initdb failed (${made.status}): ${(made.stderr || made.stdout).slice(-800)}` });
  }
  const run = command('postgres', [
    '-D', data, '-k', dir, '-c', "listen_addresses=", '-c', 'fsync=off', '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'shared_buffers=64MB',
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]);
  const child: ChildProcess = spawn(run.cmd, run.args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], ...as });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
    if (log) process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `postgres://${user}@localhost/postgres?host=${encodeURIComponent(dir)}`;
  const cleanup = () => {
    if (child.exitCode === null) child.kill('SIGINT');
  };
  process.once('exit', () => {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  // wait until it accepts connections (or fail at once if it died)
  const { default: pg } = await import('pg');
  let ready = false;
  let dead: number | null | undefined;
  void exited.then((code) => { dead = code; });
  for (let attempt = 0; attempt < 600 && !ready && dead === undefined; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      ready = true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the socket is not there yet: try again
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (!ready) {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
    throw namedError({ name: 'OperationError', message: `PostgreSQL did not start: ${stderr.slice(-800) || `exit ${dead}`}` });
  }
  return {
    url,
    dir,
    async stop() {
      cleanup();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
