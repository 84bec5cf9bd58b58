// Restart survival, one-issuance-per-exchange under concurrency, and the `invalid` state.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDidKey } from '../utils/crypto';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, createExchange, request } from './testing/holder';
import { storedText } from './testing/files';
import { DEFAULT_WORKFLOWS_FILE } from './workflows';

const token = 'durable-token-0123456789';
let running: WorkflowService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
async function start(options: Parameters<typeof startWorkflowService>[0]) {
  const service = await startWorkflowService(options);
  running.push(service);
  return service;
}

describe('durability', () => {
  it('keeps exchanges and the brand key across a restart on the same data directory', async () => {
    const dataDir = await tempDir('ws-restart-');
    const first = await start({ token, dataDir });
    const exchangeUrl = await createExchange({ workflowUrl: first.workflowUrl('provenance-issuance'), token });
    const startReply = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const issuer = first.issuer;
    const port = Number(new URL(first.baseUrl).port);
    await first.close();
    running = [];

    // Same port so the exchange URL (and the VPR's domain) stays the same.
    const second = await start({ token, dataDir, port });
    expect(second.issuer).toBe(issuer);
    const read = await request({ url: exchangeUrl, token });
    expect(read.body.exchange).toMatchObject({ state: 'active', step: 'ownerBinding', sequence: 1 });
    const holder = await generateDidKey();
    const vp = await answer({ key: holder, vpr: startReply.body.verifiablePresentationRequest });
    const final = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
    expect(final.status).toBe(200);
    expect(final.body.verifiablePresentation.verifiableCredential[0].issuer).toBe(issuer);
    const keyFile = JSON.parse(await readFile(join(dataDir, 'brand-key.json'), 'utf8'));
    expect(JSON.stringify(keyFile)).toContain(issuer);
    expect((await stat(join(dataDir, 'brand-key.json'))).mode & 0o777).toBe(0o600);
  }, 90_000); // two starts of an on-disk PGlite: seconds each on a busy machine

  it('issues once when two POSTs race on one exchange', async () => {
    const service = await start({ token });
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token });
    const startReply = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: await generateDidKey(), vpr: startReply.body.verifiablePresentationRequest });
    const replies = await Promise.all(
      [0, 1, 2].map(() => request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 403, 403]);
    const issued = replies.filter((r) => r.status === 200).flatMap((r) => r.body.verifiablePresentation.verifiableCredential);
    expect(issued).toHaveLength(1);
    const read = await request({ url: exchangeUrl, token });
    expect(read.body.exchange).toMatchObject({ state: 'complete', sequence: 2 });
  });
});

describe('invalid state', () => {
  it('marks the exchange invalid when issuing fails, then refuses it with 403', async () => {
    const workflows = JSON.parse(await readFile(DEFAULT_WORKFLOWS_FILE, 'utf8'));
    const flow = workflows.workflows['provenance-issuance'];
    delete flow.requiredVariables; // let an exchange without `sku` through …
    const file = join(await tempDir('ws-flows-'), 'workflows.json');
    await writeFile(file, JSON.stringify(workflows));
    const service = await start({ token, workflowsFile: file });
    const exchangeUrl = await createExchange({
      workflowUrl: service.workflowUrl('provenance-issuance'),
      token,
      variables: { subject: 'did:example:bag-1' },
    });
    const startReply = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: await generateDidKey(), vpr: startReply.body.verifiablePresentationRequest });
    const failed = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
    expect(failed.status).toBe(500); // … so the template cannot be filled
    expect(failed.body).toMatchObject({ name: 'OperationError', message: expect.stringMatching(/variables\.sku/) });
    const read = await request({ url: exchangeUrl, token });
    expect(read.body.exchange.state).toBe('invalid');
    expect(read.body.exchange.lastError.message).toMatch(/variables\.sku/);
    const before = await storedText({ service, exchangeUrl });
    const again = await request({ url: exchangeUrl, method: 'POST', body: {} });
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ name: 'NotAllowedError', message: 'Exchange is invalid.' });
    expect(await storedText({ service, exchangeUrl })).toBe(before);
  });

  it('refuses a workflows file with a loop or an unknown step at start-up', async () => {
    const dir = await tempDir('ws-bad-flows-');
    const loop = join(dir, 'loop.json');
    await writeFile(loop, JSON.stringify({ workflows: { w: { initialStep: 'a', steps: { a: { nextStep: 'b' }, b: { nextStep: 'a' } } } } }));
    await expect(startWorkflowService({ workflowsFile: loop })).rejects.toMatchObject({ name: 'DataError', message: /loop/ });
    const unknown = join(dir, 'unknown.json');
    await writeFile(unknown, JSON.stringify({ workflows: { w: { initialStep: 'a', steps: { a: { nextStep: 'zz' } } } } }));
    await expect(startWorkflowService({ workflowsFile: unknown })).rejects.toMatchObject({ name: 'DataError', message: /nextStep/ });
  });
});
