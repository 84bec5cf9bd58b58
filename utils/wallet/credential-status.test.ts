// Status on receipt and when a card is opened, against the real workflow service's status lists:
// checked before asking, kept with its time, "unknown" (never "valid") when the list is out of
// reach, revoked stays revoked; the loader refuses URLs the policy forbids and oversized lists.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDidKey } from '../crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange, runProvenanceExchange } from '../../workflow-service/testing/holder';
import { revokeCredential } from '../../coordinator/lib';
import { startScriptedServer, type ScriptedServer } from '../vcalm/test-support/scripted-server';
import { createExchangeRunner } from './exchange-runner';
import { createStatusChecker, createStatusListLoader, statusView, warnRevokedCandidates, type StatusChecker } from './credential-status';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';
import type { QueryView } from '../messaging';

const token = 'status-token-0123456789abcdef';
let service: WorkflowService;
let offerServer: ScriptedServer;
let revoked: Record<string, any>;
let good: Record<string, any>;

async function issue() {
  const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token });
  const { final } = await runProvenanceExchange({ exchangeUrl, key: await generateDidKey() });
  return final.body.verifiablePresentation.verifiableCredential[0];
}

beforeAll(async () => {
  service = await startWorkflowService({ token });
  [revoked, good] = [await issue(), await issue()];
  await revokeCredential({ serviceUrl: service.baseUrl, token, credentialId: revoked.id });
  offerServer = await startScriptedServer({
    routes: {
      'GET /i?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }),
      'POST /x': () => ({ json: { verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [revoked, good] } } }),
    },
  });
}, 60_000);
afterAll(async () => {
  await offerServer?.close();
  await service?.close().catch(() => undefined);
});

describe('status in the wallet', () => {
  it('checks offers before asking: the revoked one is marked and not preselected; accepted results are kept', async () => {
    const t = createTestContext();
    const runner = createExchangeRunner(t.ctx);
    const db = await t.ctx.db;
    const started = await runner.start({ url: `${offerServer.url}/i?iuv=1`, source: 'qr' });
    await expect.poll(() => t.shown.find((s) => s.exchangeId === started.id), { timeout: 20_000 }).toBeTruthy();
    const approval = (await db.approvals.get({ id: t.shown[0].approvalId })) as WalletApproval;
    const offered = approval.payload.view.offered!;
    expect(offered.map((o) => [o.status?.state, o.storable, o.preselected])).toEqual([['revoked', true, false], ['valid', true, true]]);
    expect(offered[0].status?.summary).toBe('Revoked by its issuer');
    expect(offered[0].verification.warnings[0]).toMatch(/Revoked/);
    expect(offered[1].verification.warnings.join(' ')).not.toMatch(/not checked/);

    await runner.answer({ id: approval.id, approve: true, accept: [0, 1] });
    await expect.poll(async () => ((await db.exchanges.get({ id: started.id })) as WalletExchange).status, { timeout: 20_000 }).toBe('complete');
    expect((await db.statusChecks.get({ credentialId: revoked.id }))?.result.state).toBe('revoked');
    expect((await db.statusChecks.get({ credentialId: good.id }))?.result.state).toBe('valid');
  }, 60_000);

  it('the loader refuses URLs outside the policy, error replies and oversized lists with named errors', async () => {
    const load = createStatusListLoader();
    await expect(load({ url: 'ftp://issuer.example/list' })).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(load({ url: 'http://issuer.example/list' })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(load({ url: 'https://user:pw@issuer.example/list' })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(load({ url: `${service.baseUrl}/status-lists/nope` })).rejects.toMatchObject({ name: 'NetworkError', status: 404 });
    await expect(createStatusListLoader({ maxBytes: 100 })({ url: `${service.baseUrl}/status-lists/revocation` })).rejects.toMatchObject({ name: 'DataError' });
    expect(await load({ url: `${service.baseUrl}/status-lists/revocation` })).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'] });
  });

  it('sends no cookies when fetching a list', async () => {
    let cookie: string | undefined = 'unset';
    const server: Server = createServer((req, res) => {
      cookie = req.headers.cookie;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      await createStatusListLoader()({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/list` });
      expect(cookie).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('unreachable list: unknown with its time, never valid; a credential seen revoked stays revoked', async () => {
    const t = createTestContext();
    const checker = createStatusChecker({ ctx: t.ctx });
    expect((await checker.refresh({ credentialId: good.id, credential: good })).state).toBe('valid');
    expect((await checker.refresh({ credentialId: revoked.id, credential: revoked })).state).toBe('revoked');
    const kept = await checker.current({ credentialId: good.id, credential: good });
    expect(kept.state).toBe('valid'); // fresh enough: no fetch

    await service.close();
    const offline = await checker.refresh({ credentialId: good.id, credential: good });
    expect(offline.state).toBe('unknown');
    expect(statusView({ result: offline }).summary).toMatch(/^Status unknown \(checked /);
    expect(offline.entries[0].error?.name).toBe('NetworkError');
    expect((await checker.refresh({ credentialId: revoked.id, credential: revoked })).state).toBe('revoked');
    const db = await t.ctx.db;
    expect((await db.statusChecks.get({ credentialId: good.id }))?.result.state).toBe('unknown');
  });
});

describe('warnRevokedCandidates', () => {
  it('marks fitting candidates whose status says revoked or suspended', async () => {
    const states: Record<string, 'revoked' | 'suspended' | 'valid'> = { a: 'revoked', b: 'suspended', c: 'valid' };
    const checker = {
      current: async ({ credentialId }: { credentialId: string }) => ({ state: states[credentialId], checkedAt: new Date().toISOString(), entries: [] }),
    } as unknown as StatusChecker;
    const credentials = ['a', 'b', 'c'].map((id) => ({ id, credential: { credentialStatus: { type: 'BitstringStatusListEntry' } } })) as never;
    const queries = [{ key: '0', candidates: ['a', 'b', 'c'].map((credentialId) => ({ credentialId, name: credentialId, fits: true, reasons: [] })) }] as unknown as QueryView[];
    const marked = await warnRevokedCandidates({ checker, queries, credentials });
    expect(marked![0].candidates.map((c) => c.statusWarning?.split(' ')[0])).toEqual(['Revoked', 'Suspended', undefined]);
  });
});
