import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowService } from '../../workflow-service/index';
import { runHolder } from '../test-support/holder';
import { spawnTsx, type SpawnedScript } from '../../tests/support/spawn-tsx';

const spawned: SpawnedScript[] = [];
const issue = (args: string[]) => {
  const run = spawnTsx({ script: 'coordinator/cli/issue.ts', args });
  spawned.push(run);
  return run;
};
afterEach(() => {
  for (const run of spawned.splice(0)) run.kill();
});

const INTERACTION_LINE = /^Interaction URL: (\S+)$/m;

describe('npm run issue', () => {
  it('runs end to end with the in-process workflow service: prints the URL and QR, follows states, prints the bound DID, exits 0', async () => {
    const run = issue(['--subject', 'did:example:bag-456', '--sku', 'HB-2026-0042']);
    await run.waitForOutput({ text: 'Open the interaction URL with your wallet' });
    const interactionUrl = INTERACTION_LINE.exec(run.stdout())![1];
    expect(interactionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interactions\/[\w-]+\?iuv=1$/);
    expect(run.stdout()).toMatch(/[▀▄█]/); // the terminal QR code
    expect(run.stdout()).toContain('(started in this process)');
    expect(run.stdout()).toMatch(/^Interaction host: http:\/\/127\.0\.0\.1:\d+ /m);
    expect(interactionUrl.startsWith(/^Interaction host: (\S+)/m.exec(run.stdout())![1])).toBe(true);

    const holder = await runHolder({ interactionUrl });
    expect(await run.exited).toBe(0);
    const out = run.stdout();
    expect(out).toMatch(/state: pending \(waiting for a wallet\)/);
    expect(out).toMatch(/state: complete/);
    expect(out).toContain(`Owner binding: ${holder.key.did}`);
    expect(holder.credentials[0].credentialSubject.owns.sku).toBe('HB-2026-0042');
  });

  describe('against a running service', () => {
    let service: Awaited<ReturnType<typeof startWorkflowService>>;
    beforeAll(async () => {
      service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
    });
    afterAll(() => service?.close());

    it('exits non-zero with the reason when the exchange expires', async () => {
      const run = issue(['--subject', 'did:example:bag-1', '--sku', 'S1', '--ttl', '3', '--no-qr',
        '--workflow-url', service.workflowUrl('provenance-issuance'), '--token', service.token]);
      expect(await run.exited).toBe(1);
      expect(run.stdout()).not.toContain('(started in this process)');
      expect(run.stdout(), run.stderr()).toContain('Interaction URL: ');
      expect(run.stderr()).toMatch(/issue failed: NotFoundError: .*expired/);
    });

    it('exits non-zero with the server message for a wrong token', async () => {
      const run = issue(['--subject', 'did:example:bag-1', '--sku', 'S1', '--workflow-url', service.workflowUrl('provenance-issuance'), '--token', 'definitely-wrong-token']);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toMatch(/issue failed: NotAllowedError: Creating the exchange failed with HTTP 40[13]: \S/);
      expect(run.stdout()).not.toContain('Interaction URL');
    });
  });

  it('stops cleanly on Ctrl-C with exit code 130', async () => {
    const run = issue(['--subject', 'did:example:bag-1', '--sku', 'S1', '--no-qr']);
    await run.waitForOutput({ text: 'state: pending' });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stdout()).toContain('Ctrl-C: giving up on the exchange and stopping the workflow service and the interaction host.');
    expect(run.stderr()).toContain('issue failed: AbortError: Polling the exchange was aborted.');
  });

  it('explains missing arguments and exits 2', async () => {
    const run = issue(['--sku', 'HB-2026-0042']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('--subject and --sku are required');
  });
});
