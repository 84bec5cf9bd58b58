// The CLI runner against the real local workflow service: in-process for speed, plus one run
// through `tsx` exactly as `npm run exchange` starts it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowService, type WorkflowService } from '../../../workflow-service';
import { createExchange, request } from '../../../workflow-service/testing/holder';
import { startScriptedServer } from '../test-support/scripted-server';
import { vector } from '../test-support/vectors';
import { runCli } from '../test-support/run-cli';

const REPO = resolve(import.meta.dirname, '../../..');
let service: WorkflowService;
let dir: string;
beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'vcalm-cli-'));
});
afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});


const newExchange = () => createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });

describe('npm run exchange', () => {
  it('completes the exchange, prints the transcript and the verified credential; a second run is refused', async () => {
    const exchangeUrl = await newExchange();
    const keyFile = join(dir, 'key.json');
    const ok = await runCli([`${exchangeUrl}?iuv=1`, '--save-key', keyFile]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/#0 protocols GET .*\?iuv=1 → 200 \d+ ms/);
    expect(ok.out).toMatch(/#1 exchange\s+POST .* → 200/);
    expect(ok.out).toMatch(/#2 exchange\s+POST .* → 200/);
    expect(ok.out).toMatch(/received VerifiableCredential, ProductAuthenticityCredential .* — verified/);
    expect(ok.out).toContain('complete after 2 POST(s)');
    const saved = JSON.parse(await readFile(keyFile, 'utf8'));
    const exchange = (await request({ url: exchangeUrl, token: service.token })).body.exchange;
    expect(exchange.variables.results.ownerBinding.did).toBe(saved.controller);
    expect(ok.out).toContain(`holder ${saved.controller} (throwaway)`);

    const refused = await runCli([`${exchangeUrl}?iuv=1`, '--key', keyFile]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`holder ${saved.controller}\n`); // the given key, not a throwaway
    expect(refused.err).toMatch(/NotAllowedError: .*HTTP 403: Exchange is complete/);
    expect(refused.out).toMatch(/→ 403/);
  });

  it('--json prints one parseable document with the transcript', async () => {
    const exchangeUrl = await newExchange();
    const r = await runCli([`${exchangeUrl}?iuv=1`, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.event.type).toBe('complete');
    expect(doc.transcript).toHaveLength(3);
    expect(doc.received[0].verified).toBe(true);
  });

  it('bad usage and bad URLs exit 2 with a reason', async () => {
    expect((await runCli([])).code).toBe(2);
    const insecure = await runCli(['http://shop.example/i?iuv=1']);
    expect(insecure).toMatchObject({ code: 2 });
    expect(insecure.err).toMatch(/NotAllowedError/);
    const unknown = await runCli([`${service.workflowUrl('provenance-issuance')}/exchanges/nope?iuv=1`]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/NotFoundError: .*404/);
  });

  it('declines (exit 3, no presentation sent) a request it cannot answer', async () => {
    const scripted = await startScriptedServer({
      routes: {
        'GET /i': (req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }),
        'POST /x': () => ({ json: vector('messages/vcalm-vcapi-exchange-message-with-vpr-student-id.json') }),
      },
    });
    try {
      const r = await runCli([`${scripted.url}/i?iuv=1`]);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/declined: None of the 0 credential\(s\) given with --credential answers the request .*StudentIdCredential/);
      expect(scripted.seen.filter((s) => s.method === 'POST').map((s) => s.body)).toEqual([{}]);
    } finally {
      await scripted.close();
    }
  });

  it('runs through tsx as `npm run exchange` does', async () => {
    const exchangeUrl = await newExchange();
    const { stdout } = await promisify(execFile)(join(REPO, 'node_modules/.bin/tsx'), ['utils/vcalm/cli/exchange.ts', `${exchangeUrl}?iuv=1`], { cwd: REPO });
    expect(stdout).toContain('complete after 2 POST(s)');
  });
});

describe('npm run exchange against a hostile server', () => {
  it('a reply nested 20,000 deep is a DataError: exit 1 (not bad usage), --json prints JSON, no stack', async () => {
    const deep = `{"verifiablePresentation":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const scripted = await startScriptedServer({
      routes: {
        'GET /i': (req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }),
        'POST /x': () => ({ text: deep, headers: { 'content-type': 'application/json' } }),
      },
    });
    try {
      const plain = await runCli([`${scripted.url}/i?iuv=1`]);
      expect(plain.code).toBe(1);
      expect(plain.err).toMatch(/^DataError: The reply from .* nests deeper than 64 levels\.\n$/);
      const json = await runCli([`${scripted.url}/i?iuv=1`, '--json']);
      expect(json.code).toBe(1);
      expect(json.err).not.toMatch(/\n\s+at /);
      expect(JSON.parse(json.out).event).toMatchObject({ type: 'failed', error: { name: 'DataError' } });
    } finally {
      await scripted.close();
    }
  });

  it('a key file nested 20,000 deep is a named DataError (bad usage: the file is the user\'s)', async () => {
    const keyFile = join(dir, 'deep-key.json');
    await writeFile(keyFile, `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    const r = await runCli(['https://shop.example/i?iuv=1', '--key', keyFile]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Could not load the key: The key file .* nests deeper than 64 levels\./);
  });
});
