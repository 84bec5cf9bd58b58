// Runs a TypeScript entry point in a child Node process (tsx), collecting its output so tests
// can wait on what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const tsxLoader = pathToFileURL(resolve(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface SpawnedScript {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves once stdout contains `text`; rejects at once if the child exits first (with its stderr). */
  waitForOutput(options: { text: string; timeoutMs?: number }): Promise<void>;
  kill(): void;
}

export function spawnTsx({ script, args = [], env = {} }: { script: string; args?: string[]; env?: Record<string, string | undefined> }): SpawnedScript {
  const base = { ...process.env };
  delete base.WORKFLOW_URL;
  delete base.WORKFLOW_TOKEN;
  delete base.WORKFLOW_SERVICE_TOKEN;
  // One process: Node with tsx's loader, not tsx's CLI. The CLI runs the script in a second process
  // and relays a signal to it, waiting 30 ms for the script to acknowledge it; on a busy machine
  // that wait ran out and the CLI killed the script (SIGKILL) before it printed its goodbye — a
  // Ctrl-C test then saw the exit code but not the lines (seen under load, issue.test.ts).
  const child = spawn(process.execPath, ['--import', tsxLoader, resolve(root, script), ...args], { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk) => (err += chunk));
  // 'close', not 'exit': 'exit' may come before the last of stdout/stderr has been read, and a
  // test reading the output right after would miss the final lines (seen under load)
  const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  // A child that dies (a missing file, a crash) must fail the test now, not after a long timeout.
  const waitForOutput = ({ text, timeoutMs = 30_000 }: { text: string; timeoutMs?: number }) =>
    new Promise<void>((resolveWait, rejectWait) => {
      const check = () => {
        if (out.includes(text)) return finish();
        if (exitCode !== undefined) return finish(new Error(`${script} exited with code ${exitCode} before printing "${text}".\nstdout:\n${out}\nstderr:\n${err}`));
      };
      const timer = setTimeout(() => finish(new Error(`${script} did not print "${text}" within ${timeoutMs} ms.\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        child.off('close', onExit);
        if (error) rejectWait(error);
        else resolveWait();
      };
      // decide once the streams are closed (exitCode is set on 'close', after the last chunk)
      const onExit = () => setImmediate(check);
      child.stdout!.on('data', check);
      child.on('close', onExit);
      check();
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
