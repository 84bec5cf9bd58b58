// Runs a TypeScript entry point in a child Node process (tsx), collecting its output so tests
// can wait on what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const tsxCli = resolve(root, 'node_modules/tsx/dist/cli.mjs');

export interface SpawnedScript {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  kill(): void;
}

export function spawnTsx({ script, args = [], env = {} }: { script: string; args?: string[]; env?: Record<string, string | undefined> }): SpawnedScript {
  const base = { ...process.env };
  delete base.WORKFLOW_URL;
  delete base.WORKFLOW_TOKEN;
  delete base.WORKFLOW_SERVICE_TOKEN;
  const child = spawn(process.execPath, [tsxCli, resolve(root, script), ...args], { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
