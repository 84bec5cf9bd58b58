import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDidKey, issueCredential, verifyPresentation } from '../../crypto';
import { createChapiRequests, type ChapiRequests } from './chapi-requests';
import type { ChapiFrame } from './frame';
import { createTestContext, type TestContext } from './testing';
import type { WalletApproval } from '../records';
import type { ExchangeView } from '../../messaging';
import type { StartExchangeInput } from '../exchange-runner';
import { createHolderKeysLoader } from '../keys';

const vectors = resolve(import.meta.dirname, '../../../testdata/vectors');
const load = (path: string) => JSON.parse(readFileSync(resolve(vectors, path), 'utf8'));
// A signed vector from testdata/ whose contexts the wallet bundles, and one tampered after signing.
const tamperedVc = load('credentials/ob3-vc2-ed25519signature2020-didkey-TAMPERED.json');
let goodVc: Record<string, unknown>;
beforeAll(async () => {
  const issuer = await generateDidKey({ extractable: true });
  goodVc = (await issueCredential({
    key: issuer,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      validFrom: '2024-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:holder', name: 'Store me' },
    },
  })) as Record<string, unknown>;
});

const shop: ChapiFrame = { tabId: 1, frameId: 0, origin: 'http://127.0.0.1:8123' };
const other: ChapiFrame = { tabId: 2, frameId: 0, origin: 'https://other.example' };
const didAuth = (extra: Record<string, unknown> = {}) => ({
  VerifiablePresentation: { query: { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }, challenge: 'ch-1', domain: '127.0.0.1', ...extra },
});
const vpOf = (vc: unknown) => ({ type: 'web', dataType: 'VerifiablePresentation', data: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: vc } });

let t: TestContext;
let requests: ChapiRequests;
beforeEach(async () => {
  t = await createTestContext();
  requests = createChapiRequests({
    ctx: t.ctx,
    exchanges: { start: () => Promise.reject(new Error('no exchanges here')), settled: () => Promise.reject(new Error('no')) },
  });
});
afterEach(() => undefined);

async function shownApproval(index = 0) {
  await expect.poll(() => t.shown.length).toBeGreaterThan(index);
  const { approvalId } = t.shown[index];
  return (await t.db.approvals.get({ id: approvalId }))! as WalletApproval;
}

describe('get()', () => {
  test('approval names the frame\'s origin; yes → a VP signed with the request\'s challenge and domain', async () => {
    const pending = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
    const approval = await shownApproval();
    expect(approval.id.startsWith('chapi-')).toBe(true);
    expect(requests.owns(approval.id)).toBe(true);
    expect(approval.payload.view).toMatchObject({ kind: 'present', status: 'pending', requester: { pageOrigin: shop.origin, exchangeOrigin: shop.origin, source: 'chapi' }, holderDid: t.key.did, challenge: 'ch-1', domain: '127.0.0.1' });
    expect(approval.payload.view.domainWarning).toBeUndefined();
    const view = await requests.answer({ id: approval.id, approve: true, selections: [] });
    expect(view.status).toBe('approved');
    const result = await pending;
    expect(result).toMatchObject({ type: 'web', dataType: 'VerifiablePresentation' });
    const vp = (result as { data: Record<string, unknown> }).data;
    expect(vp.holder).toBe(t.key.did);
    const check = await verifyPresentation({ presentation: vp, challenge: 'ch-1', domain: '127.0.0.1' });
    expect(check.verified).toBe(true);
    expect(t.closedKeys).toEqual([approval.exchangeId]);
    expect((await t.db.approvals.get({ id: approval.id }))?.decision?.approved).toBe(true);
  });

  test('no → null, and nothing signed', async () => {
    const pending = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
    const approval = await shownApproval();
    await requests.answer({ id: approval.id, approve: false });
    await expect(pending).resolves.toBeNull();
  });

  test('closing the approval window declines', async () => {
    const pending = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
    const approval = await shownApproval();
    await requests.windowClosed({ approvalId: approval.id });
    await expect(pending).resolves.toBeNull();
  });

  test('a domain that is not the page\'s origin is refused by default: NotAllowedError, no window, nothing signed', async () => {
    await expect(requests.get({ frame: shop, web: didAuth({ domain: 'bank.example' }), signal: new AbortController().signal }))
      .rejects.toMatchObject({ name: 'NotAllowedError', expose: true, message: expect.stringMatching(/bank\.example.*Nothing was signed or sent/) });
    await expect(requests.get({ frame: shop, web: didAuth({ domain: 'https://bank.example' }), signal: new AbortController().signal }))
      .rejects.toMatchObject({ name: 'NotAllowedError' });
    // an exchange on one origin with a domain naming a third: refused before the consent window
    await expect(requests.get({
      frame: shop,
      web: { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, challenge: 'c', domain: 'bank.example', interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: 'http://127.0.0.1:9/exchanges/x' }] } } },
      signal: new AbortController().signal,
    })).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(t.shown).toEqual([]);
    expect(await t.db.approvals.listPending()).toEqual([]);
  });

  test('with the developer setting on, a foreign domain is flagged with both names', async () => {
    t.ctx.settings = { get: async () => ({ allowForeignDomain: true }) };
    const pending = requests.get({ frame: shop, web: didAuth({ domain: 'bank.example' }), signal: new AbortController().signal });
    const approval = await shownApproval();
    expect(approval.payload.view.domainWarning).toContain('bank.example');
    expect(approval.payload.view.domainWarning).toContain(shop.origin);
    expect(approval.payload.view.requester.pageOrigin).toBe(shop.origin);
    await requests.answer({ id: approval.id, approve: false });
    await pending;
  });

  test('a malformed request is a TypeError the page may read, and no approval is made', async () => {
    const error = await requests.get({ frame: shop, web: { VerifiablePresentation: { query: { type: 'DIDAuthentication' } } }, signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { expose?: boolean }).expose).toBe(true);
    expect((error as Error).message).toMatch(/challenge" is required/);
    expect(t.shown).toHaveLength(0);
    expect(await t.db.approvals.listPending()).toHaveLength(0);
  });

  test('the frame going away cancels: approval ended, window closed, a late yes reaches nobody', async () => {
    const controller = new AbortController();
    const pending = requests.get({ frame: shop, web: didAuth(), signal: controller.signal });
    const approval = await shownApproval();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => t.closedKeys).toEqual([approval.exchangeId]);
    expect((await t.db.approvals.get({ id: approval.id }))?.decision?.approved).toBe(false);
    await expect(requests.answer({ id: approval.id, approve: true, selections: [] })).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(requests.pendingCount()).toBe(0);
  });

  test('two tabs at once: two approvals, each answer goes to its own request', async () => {
    const a = requests.get({ frame: shop, web: didAuth({ challenge: 'for-a' }), signal: new AbortController().signal });
    const b = requests.get({ frame: other, web: didAuth({ challenge: 'for-b', domain: 'other.example' }), signal: new AbortController().signal });
    const first = await shownApproval(0);
    const second = await shownApproval(1);
    expect(first.exchangeId).not.toBe(second.exchangeId);
    const [forA, forB] = first.payload.view.challenge === 'for-a' ? [first, second] : [second, first];
    await requests.answer({ id: forB.id, approve: true, selections: [] });
    await requests.answer({ id: forA.id, approve: false });
    await expect(a).resolves.toBeNull();
    const resultB = (await b) as { data: { proof: { challenge: string } } };
    expect(resultB.data.proof.challenge).toBe('for-b');
  });

  test('a site declined three times in a minute cannot open more windows until it cools down', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    t.ctx.now = () => new Date(clock);
    for (let i = 0; i < 3; i++) {
      const pending = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
      const approval = await shownApproval(i);
      await requests.answer({ id: approval.id, approve: false });
      await pending;
    }
    await expect(requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal }))
      .rejects.toMatchObject({ name: 'NotAllowedError', expose: true, message: expect.stringMatching(/declined several requests/) });
    expect(t.shown).toHaveLength(3);
    // another site is not affected, and the paused one may ask again a minute later
    const elsewhere = requests.get({ frame: other, web: didAuth({ domain: 'other.example' }), signal: new AbortController().signal });
    await requests.answer({ id: (await shownApproval(3)).id, approve: false });
    await elsewhere;
    clock += 61_000;
    const again = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
    await requests.answer({ id: (await shownApproval(4)).id, approve: false });
    await expect(again).resolves.toBeNull();
  });

  test('a get → abort loop: one focused window for the tab, aborts count toward the pause, then refused', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    t.ctx.now = () => new Date(clock);
    for (let i = 0; i < 3; i++) {
      const page = new AbortController();
      const pending = requests.get({ frame: shop, web: didAuth(), signal: page.signal });
      const approval = await shownApproval(i);
      page.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      await expect.poll(async () => (await t.db.approvals.get({ id: approval.id }))?.decision?.approved).toBe(false);
      clock += 1000;
    }
    // the first window took focus; the tab's later requests wait in the popup's list, unfocused
    expect(t.shown.map((s) => s.focus)).toEqual([true, false, false]);
    await expect(requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal }))
      .rejects.toMatchObject({ name: 'NotAllowedError', expose: true });
    expect(t.shown).toHaveLength(3);
    // another tab still gets its window, and a tab whose request the user answered gets it back
    clock += 61_000;
    const elsewhere = requests.get({ frame: other, web: didAuth({ domain: 'other.example' }), signal: new AbortController().signal });
    await requests.answer({ id: (await shownApproval(3)).id, approve: false });
    await elsewhere;
    expect(t.shown[3].focus).toBe(true);
    const quiet = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
    await requests.answer({ id: (await shownApproval(4)).id, approve: false });
    await quiet;
    expect(t.shown[4].focus).toBe(false);
    const again = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
    await requests.answer({ id: (await shownApproval(5)).id, approve: false });
    await again;
    expect(t.shown[5].focus).toBe(true);
  });

  test('one request per tab at a time', async () => {
    const first = requests.get({ frame: shop, web: didAuth(), signal: new AbortController().signal });
    await shownApproval();
    await expect(requests.get({ frame: { ...shop, frameId: 5, origin: 'https://widget.example' }, web: didAuth({ domain: 'widget.example' }), signal: new AbortController().signal }))
      .rejects.toMatchObject({ name: 'NotAllowedError', expose: true, message: expect.stringMatching(/from this tab/) });
    await requests.answer({ id: t.shown[0].approvalId, approve: false });
    await first;
  });

  test('an approval left pending by a stopped worker is ended on start and cannot be answered', async () => {
    const oldPort = new AbortController();
    const pending = requests.get({ frame: shop, web: didAuth(), signal: oldPort.signal });
    const approval = await shownApproval();
    const restarted = createChapiRequests({
      ctx: t.ctx,
      exchanges: { start: () => Promise.reject(new Error('x')), settled: () => Promise.reject(new Error('x')) },
    });
    await restarted.endStale();
    expect(t.closedKeys).toEqual([approval.exchangeId]);
    expect((await t.db.approvals.get({ id: approval.id }))?.decision?.approved).toBe(false);
    await expect(restarted.answer({ id: approval.id, approve: true })).rejects.toMatchObject({ name: 'InvalidStateError' });
    oldPort.abort(); // the old worker's port is gone too
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('get() and the second holder key (P-256)', () => {
  const suitesOnly = (...cryptosuites: string[]) => ({
    VerifiablePresentation: {
      query: { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }], acceptedCryptosuites: cryptosuites.map((cryptosuite) => ({ cryptosuite })) },
      challenge: 'ch-p256',
      domain: '127.0.0.1',
    },
  });
  beforeEach(() => {
    // both holder keys, as the background builds its context
    t.ctx.holderKeys = createHolderKeysLoader({ db: t.ctx.db, primary: t.ctx.key });
  });

  test('a DIDAuthentication accepting only ecdsa-rdfc-2019: the approval names the P-256 DID, and yes signs with it', async () => {
    const [primary, p256] = await t.ctx.holderKeys!();
    const pending = requests.get({ frame: shop, web: suitesOnly('ecdsa-rdfc-2019'), signal: new AbortController().signal });
    const approval = await shownApproval();
    expect(approval.payload.view).toMatchObject({ kind: 'present', holderDid: p256.did, cryptosuite: 'ecdsa-rdfc-2019', requester: { pageOrigin: shop.origin } });
    expect(approval.payload.view.blockers).toBeUndefined();
    expect(approval.payload.view.queries?.[0]).toMatchObject({ supported: true, summary: expect.stringContaining(p256.did) });
    await requests.answer({ id: approval.id, approve: true, selections: [] });
    const vp = ((await pending) as { data: Record<string, unknown> }).data;
    expect(vp.holder).toBe(p256.did);
    expect(vp.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', verificationMethod: p256.verificationMethod, challenge: 'ch-p256' });
    expect((await verifyPresentation({ presentation: vp, challenge: 'ch-p256', domain: '127.0.0.1' })).verified).toBe(true);
    // a request the primary key can answer is still answered by it
    const usual = requests.get({ frame: shop, web: suitesOnly('eddsa-rdfc-2022', 'ecdsa-rdfc-2019'), signal: new AbortController().signal });
    const second = await shownApproval(1);
    expect(second.payload.view).toMatchObject({ holderDid: primary.did, cryptosuite: 'eddsa-rdfc-2022' });
    await requests.answer({ id: second.id, approve: true, selections: [] });
    expect(((await usual) as { data: { holder: string } }).data.holder).toBe(primary.did);
  });

  test('a DIDAuthentication accepting no suite the wallet signs with: NotSupportedError naming the suites, no window, nothing pending', async () => {
    const error = await requests.get({ frame: shop, web: suitesOnly('bbs-2023'), signal: new AbortController().signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NotSupportedError', expose: true, message: expect.stringMatching(/bbs-2023.*ecdsa-rdfc-2019/) });
    expect(t.shown).toEqual([]);
    expect(await t.db.approvals.listPending()).toEqual([]);
    expect(requests.pendingCount()).toBe(0);
    // the tab is free to ask again
    const next = requests.get({ frame: shop, web: suitesOnly('ecdsa-rdfc-2019'), signal: new AbortController().signal });
    await requests.answer({ id: (await shownApproval()).id, approve: false });
    await expect(next).resolves.toBeNull();
  });
});

describe('get() naming an exchange: one window', () => {
  const exchangeUrl = 'http://127.0.0.1:9/workflows/w/exchanges/e1';
  const naming = { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: exchangeUrl }] } } };
  // The runner's side as the CHAPI service sees it: start() is told the window key; settled() ends as told.
  function withExchanges(ending: ExchangeView['status']) {
    const started: StartExchangeInput[] = [];
    let end!: (view: ExchangeView) => void;
    const ended = new Promise<ExchangeView>((resolve) => (end = resolve));
    const chapi = createChapiRequests({
      ctx: t.ctx,
      exchanges: {
        start: async (data) => {
          started.push(data);
          return { id: 'ex-1', status: 'running' } as ExchangeView;
        },
        settled: () => ended,
      },
    });
    const finish = () => end({ id: 'ex-1', status: ending, exchangeOrigin: 'http://127.0.0.1:9', error: ending === 'failed' ? { name: 'NetworkError', message: 'x' } : undefined } as ExchangeView);
    return { chapi, started, finish };
  }

  test('yes keeps the window for the exchange\'s own questions (same window key); it closes when the exchange ends', async () => {
    const { chapi, started, finish } = withExchanges('complete');
    const pending = chapi.get({ frame: shop, web: naming, signal: new AbortController().signal });
    const consent = await shownApproval();
    expect(consent.payload.view.queries?.[0].type).toBe('VerifiableCredentialApiExchange');
    await chapi.answer({ id: consent.id, approve: true });
    await expect.poll(() => started.length).toBe(1);
    expect(started[0]).toMatchObject({ exchangeUrl, source: 'chapi', pageOrigin: shop.origin, windowKey: consent.exchangeId });
    expect(t.closedKeys).toEqual([]); // the window steps on to the exchange's questions
    finish();
    await expect(pending).resolves.toEqual({ type: 'web', dataType: 'OutOfBand', data: null });
    expect(t.closedKeys).toEqual([consent.exchangeId]);
    expect(t.shown).toHaveLength(1);
  });

  test('an exchange declined inside (a "no" to its DID authentication) → null, window closed', async () => {
    const { chapi, finish } = withExchanges('declined');
    const pending = chapi.get({ frame: shop, web: naming, signal: new AbortController().signal });
    await chapi.answer({ id: (await shownApproval()).id, approve: true });
    finish();
    await expect(pending).resolves.toBeNull();
    expect(t.closedKeys).toHaveLength(1);
  });

  test('no to the consent: nothing started, window closed', async () => {
    const { chapi, started } = withExchanges('complete');
    const pending = chapi.get({ frame: shop, web: naming, signal: new AbortController().signal });
    const consent = await shownApproval();
    await chapi.answer({ id: consent.id, approve: false });
    await expect(pending).resolves.toBeNull();
    expect(started).toEqual([]);
    await expect.poll(() => t.closedKeys).toEqual([consent.exchangeId]);
  });
});

describe('store()', () => {
  test('shows each offered credential with its verification; yes stores the good one and resolves with it', async () => {
    const pending = requests.store({ frame: shop, credential: vpOf([goodVc, tamperedVc]), signal: new AbortController().signal });
    const approval = await shownApproval();
    expect(approval.payload.view.kind).toBe('accept');
    const [good, bad] = approval.payload.view.offered!;
    expect(good).toMatchObject({ storable: true, preselected: true, verification: { verified: true } });
    expect(bad.storable).toBe(false);
    expect(bad.problem).toMatch(/Not stored/);
    await requests.answer({ id: approval.id, approve: true, accept: [0, 1] });
    const result = (await pending) as { dataType: string; data: { verifiableCredential: unknown[] } };
    expect(result.dataType).toBe('VerifiablePresentation');
    expect(result.data.verifiableCredential).toEqual([goodVc]);
    const stored = await t.db.credentials.list();
    expect(stored.map((c) => c.credential)).toEqual([goodVc]);
    expect(stored[0].source).toEqual({ kind: 'chapi', origin: shop.origin });
  });

  test('no → null and nothing stored', async () => {
    const pending = requests.store({ frame: shop, credential: vpOf(goodVc), signal: new AbortController().signal });
    const approval = await shownApproval();
    await requests.answer({ id: approval.id, approve: false });
    await expect(pending).resolves.toBeNull();
    expect(await t.db.credentials.list()).toHaveLength(0);
  });

  test('a page that went away before the yes gets nothing stored', async () => {
    const controller = new AbortController();
    const pending = requests.store({ frame: shop, credential: vpOf(goodVc), signal: controller.signal });
    const approval = await shownApproval();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(requests.answer({ id: approval.id, approve: true, accept: [0] })).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(await t.db.credentials.list()).toHaveLength(0);
  });

  test('malformed store() is a TypeError, nothing shown or stored', async () => {
    await expect(requests.store({ frame: shop, credential: { type: 'web', dataType: 'Foo', data: {} }, signal: new AbortController().signal }))
      .rejects.toThrow(/"credential\.dataType" must be "VerifiablePresentation"/);
    expect(t.shown).toHaveLength(0);
  });
});
