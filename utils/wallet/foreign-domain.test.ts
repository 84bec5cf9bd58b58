// Finding 3 of issue 11: a presentation request whose `domain` names neither the exchange
// service nor the page that started the exchange is refused by default (NotAllowedError,
// nothing signed, nothing sent); the developer setting allows it, with the warning shown.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../vcalm/test-support/scripted-server';
import { createExchangeRunner } from './exchange-runner';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';
import { createSettings } from './settings';

let service: ScriptedServer;

beforeAll(async () => {
  service = await startScriptedServer({
    routes: {
      'GET /i?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }),
      'GET /own?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/own-x` } } }),
      'GET /page?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/page-x` } } }),
      'POST /x': () => ({
        json: {
          verifiablePresentationRequest: {
            query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }],
            challenge: 'relay-1',
            domain: 'https://bank.example',
          },
        },
      }),
      'POST /page-x': () => ({
        json: { verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication' }], challenge: 'page-1', domain: 'localhost:7777' } },
      }),
      'POST /own-x': (_req, self) => ({
        json: { verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication' }], challenge: 'own-1', domain: self.url } },
      }),
    },
  });
});
afterAll(async () => service?.close());

/** A storage.local stand-in (the settings' real storage area in the extension). */
function memoryArea() {
  const items: Record<string, unknown> = {};
  return {
    get: async (key: string) => (key in items ? { [key]: structuredClone(items[key]) } : {}),
    set: async (change: Record<string, unknown>) => void Object.assign(items, structuredClone(change)),
  };
}

async function run({ allow, path = '/i?iuv=1', pageOrigin = 'http://127.0.0.1:8123' }: { allow: boolean; path?: string; pageOrigin?: string }) {
  const t = createTestContext();
  const settings = createSettings({ area: memoryArea() });
  if (allow) await settings.set({ allowForeignDomain: true });
  t.ctx.settings = settings;
  const runner = createExchangeRunner(t.ctx);
  const db = await t.ctx.db;
  const postsBefore = service.seen.filter((s) => s.method === 'POST').length;
  const started = await runner.start({ url: `${service.url}${path}`, source: 'page', pageOrigin });
  return { t, db, started, runner, postsSince: () => service.seen.filter((s) => s.method === 'POST').slice(postsBefore) };
}

test('by default: the exchange fails with NotAllowedError before any approval; no VP is sent', async () => {
  const { t, db, started, postsSince } = await run({ allow: false });
  await expect.poll(async () => ((await db.exchanges.get({ id: started.id })) as WalletExchange).status).toBe('failed');
  const record = (await db.exchanges.get({ id: started.id })) as WalletExchange;
  expect(record.error).toMatchObject({ name: 'NotAllowedError', message: expect.stringMatching(/bank\.example.*Nothing was signed or sent/) });
  expect(t.shown).toEqual([]);
  expect(await db.approvals.listPending()).toEqual([]);
  // only the opening POST {} went out
  expect(postsSince().map((s) => s.body)).toEqual([{}]);
});

test('the developer setting allows it: the approval shows the warning naming both origins', async () => {
  const { t, db, started } = await run({ allow: true });
  await expect.poll(() => t.shown.find((s) => s.exchangeId === started.id)).toBeTruthy();
  const approval = (await db.approvals.get({ id: t.shown.find((s) => s.exchangeId === started.id)!.approvalId })) as WalletApproval;
  expect(approval.payload.view.domainWarning).toMatch(/bank\.example/);
  expect(approval.payload.view.domainWarning).toContain(service.url);
});

test('a domain naming the exchange service, or the page that started it, is not refused', async () => {
  const own = await run({ allow: false, path: '/own?iuv=1' });
  await expect.poll(() => own.t.shown.length).toBe(1);
  const page = await run({ allow: false, path: '/page?iuv=1', pageOrigin: 'http://localhost:7777' });
  await expect.poll(() => page.t.shown.length).toBe(1);
  const approval = (await page.db.approvals.get({ id: page.t.shown[0].approvalId })) as WalletApproval;
  expect(approval.payload.view.domainWarning).toBeUndefined();
});

test('settings: stored junk reads as the (strict) defaults; set keeps what it was not told to change', async () => {
  const area = memoryArea();
  await area.set({ settings: { allowForeignDomain: 'yes', __proto__: { allowForeignDomain: true } } });
  const settings = createSettings({ area });
  expect(await settings.get()).toEqual({ allowForeignDomain: false });
  expect(await settings.set({ allowForeignDomain: true })).toEqual({ allowForeignDomain: true });
  expect(await settings.set({})).toEqual({ allowForeignDomain: true });
});
