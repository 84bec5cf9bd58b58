// Offered credentials: each verified before the user is asked; a failing one is named with its
// reason and never stored; an expired one may be stored with its warning; nothing is stored
// before yes, and "no" stores nothing.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDidKey, issueCredential } from '../crypto';
import { startScriptedServer, type ScriptedServer } from '../vcalm/test-support/scripted-server';
import { createExchangeRunner } from './exchange-runner';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';

let issuer: ScriptedServer;

async function offer() {
  const key = await generateDidKey({ extractable: true });
  const base = (name: string, extra: Record<string, unknown> = {}) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    name,
    issuer: key.did,
    credentialSubject: { id: 'did:example:holder' },
    ...extra,
  });
  const valid = await issueCredential({ key, credential: base('Valid', { validFrom: '2026-01-01T00:00:00Z' }) });
  const expired = await issueCredential({ key, credential: base('Expired', { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' }) });
  const tampered = { ...(await issueCredential({ key, credential: base('Tampered') })), name: 'Changed after signing' };
  return [valid, expired, tampered];
}

beforeAll(async () => {
  const credentials = await offer();
  issuer = await startScriptedServer({
    routes: {
      'GET /i?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }),
      'POST /x': () => ({ json: { verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: credentials } } }),
    },
  });
});
afterAll(async () => issuer?.close());

async function acceptApproval() {
  const t = createTestContext();
  const runner = createExchangeRunner(t.ctx);
  const db = await t.ctx.db;
  const started = await runner.start({ url: `${issuer.url}/i?iuv=1`, source: 'qr' });
  await expect.poll(() => t.shown.find((s) => s.exchangeId === started.id), { timeout: 20_000 }).toBeTruthy();
  const approval = (await db.approvals.get({ id: t.shown.find((s) => s.exchangeId === started.id)!.approvalId })) as WalletApproval;
  const status = async () => ((await db.exchanges.get({ id: started.id })) as WalletExchange).status;
  return { t, runner, db, started, approval, status };
}

test('each offer verified; the tampered one named and unstorable; the expired one storable with a warning', async () => {
  const { runner, db, started, approval, status } = await acceptApproval();
  const offered = approval.payload.view.offered!;
  expect(offered.map((o) => [o.summary.name, o.storable, o.preselected])).toEqual([
    ['Valid', true, true],
    ['Expired', true, false],
    ['Changed after signing', false, false],
  ]);
  expect(offered[1].verification.warnings[0]).toMatch(/expired/);
  expect(offered[2].problem).toMatch(/^Not stored: /);
  expect(await db.credentials.list()).toHaveLength(0);

  // the tampered one is ignored even when asked for
  await runner.answer({ id: approval.id, approve: true, accept: [0, 1, 2] });
  await expect.poll(status).toBe('complete');
  const stored = await db.credentials.list();
  expect(stored.map((c) => c.credential.name).sort()).toEqual(['Expired', 'Valid']);
  const view = await runner.get({ id: started.id });
  expect(view.credentialIds).toHaveLength(2);
  expect(view.phase).toMatch(/1 offered credential\(s\) failed verification/);
});

test('declining the offer stores nothing; the exchange still ends', async () => {
  const { runner, db, approval, status, started } = await acceptApproval();
  await runner.answer({ id: approval.id, approve: false });
  await expect.poll(status).toBe('complete');
  expect(await db.credentials.list()).toHaveLength(0);
  expect((await runner.get({ id: started.id })).phase).toMatch(/declined the offered credentials/);
});
