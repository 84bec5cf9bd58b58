// The CLI starts the service with flags and environment, prints URL and token, stops on SIGTERM.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExchange } from '../testing/holder';
import { spawnTsx, type SpawnedScript } from '../../tests/support/spawn-tsx';

let run: SpawnedScript | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  run?.kill();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('bin/serve.ts', () => {
  it('prints its URL and token and serves the provenance workflow', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ws-cli-'));
    run = spawnTsx({
      script: 'workflow-service/bin/serve.ts',
      args: ['--port', '0', '--data-dir', dataDir],
      env: { WORKFLOW_SERVICE_TOKEN: 'cli-token-0123456789abcdef' },
    });
    // tsx compiles the service on start: slow on a busy machine (a child that dies fails at once)
    await run.waitForOutput({ text: 'Data directory:', timeoutMs: 60_000 });
    const out = run.stdout();
    const baseUrl = /Workflow service: (\S+)/.exec(out)![1];
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain('Token:            cli-token-0123456789abcdef');
    const exchangeUrl = await createExchange({ workflowUrl: `${baseUrl}/workflows/provenance-issuance`, token: 'cli-token-0123456789abcdef' });
    expect(exchangeUrl).toContain(`${baseUrl}/workflows/provenance-issuance/exchanges/`);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 90_000);
});
