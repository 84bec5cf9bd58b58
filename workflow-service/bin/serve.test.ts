// The CLI starts the service with flags and environment, prints URL and token, stops on SIGTERM.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createExchange } from '../testing/holder';

const root = resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('bin/serve.ts', () => {
  it('prints its URL and token and serves the provenance workflow', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ws-cli-'));
    child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'workflow-service/bin/serve.ts'), '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, WORKFLOW_SERVICE_TOKEN: 'cli-token-0123456789abcdef' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    // tsx compiles the service on start: slow on a busy machine
    await expect.poll(() => out, { timeout: 60_000, interval: 100 }).toMatch(/Data directory:/);
    const baseUrl = /Workflow service: (\S+)/.exec(out)![1];
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain('Token:            cli-token-0123456789abcdef');
    const exchangeUrl = await createExchange({ workflowUrl: `${baseUrl}/workflows/provenance-issuance`, token: 'cli-token-0123456789abcdef' });
    expect(exchangeUrl).toContain(`${baseUrl}/workflows/provenance-issuance/exchanges/`);
    const exited = new Promise((done) => child!.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
