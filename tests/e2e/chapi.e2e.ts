// CHAPI through the extension, end to end: pages on 127.0.0.1 call navigator.credentials.get /
// store; the wallet's approval window names the page's origin (from the browser); the answer
// reaches only the asking page. Also: the exchange a request names, a lying page, two tabs, a
// page that navigates away, malformed calls, the CHAPI polyfill, and pages that try the
// extension's internal messages.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkflowService } from '../../workflow-service';
import { generateDidKey, issueCredential, verifyPresentation } from '../../utils/crypto';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { openPopup, readStore, stopServiceWorker, walletDid } from './support/wallet-pages';
import { approvalIdOf, chapiApproval, exchangeApproval, inPage, openPage, startSite, type ChapiSite } from './chapi-site';

let wallet: WalletBrowser;
let service: WorkflowService;
let site: ChapiSite;
let otherSite: ChapiSite;
let popup: Page;
let did: string;
let credential: Record<string, unknown>;
let tampered: Record<string, unknown>;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
  popup = await openPopup(wallet);
  did = await walletDid(popup);
  const issuer = await generateDidKey({ extractable: true });
  credential = (await issueCredential({
    key: issuer,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      validFrom: '2025-01-01T00:00:00Z',
      name: 'CHAPI test credential',
      credentialSubject: { id: did, name: 'Stored through CHAPI' },
    },
  })) as Record<string, unknown>;
  tampered = { ...credential, credentialSubject: { id: did, name: 'Changed after signing' } };
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
});
// Fresh origins per test: the wallet pauses a site the user keeps declining, and no test should
// inherit another's history.
beforeEach(async () => {
  [site, otherSite] = await Promise.all([startSite(), startSite()]);
});

// No approval window or test site outlives its test.
afterEach(async () => {
  await Promise.all(wallet.context.pages().filter((p) => p.url().includes('/approval.html')).map((p) => p.close()));
  await Promise.all([site?.close(), otherSite?.close()]);
});

const host = (s: ChapiSite) => new URL(s.origin).hostname;
const didAuthGet = ({ challenge, domain }: { challenge: string; domain: string }) =>
  `navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication', acceptedMethods: [{method: 'key'}]}, challenge: ${JSON.stringify(challenge)}, domain: ${JSON.stringify(domain)}}}})`;
const storeCall = (vcs: unknown[]) =>
  `navigator.credentials.store(new WebCredential('VerifiablePresentation', {'@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: ${JSON.stringify(vcs)}}))`;

async function decisionOf(approvalId: string) {
  const approvals = await readStore(popup, 'approvals');
  return approvals.find((a) => a.id === approvalId)?.decision;
}

describe('get()', () => {
  test('approve: the window names the page origin; the page gets a VP signed with its challenge and domain', async () => {
    const page = await openPage(wallet.context, site.url());
    const result = inPage<{ type: string; dataType: string; data: any }>(page, didAuthGet({ challenge: 'chapi-e2e-1', domain: host(site) }));
    const approval = await chapiApproval(wallet, 'present');
    expect(await approval.getByTestId('exchange-origin').textContent()).toBe(site.origin);
    expect(await approval.getByTestId('page-origin').textContent()).toContain(site.origin);
    expect(await approval.getByTestId('query').getAttribute('data-query-type')).toBe('DIDAuthentication');
    expect(await approval.getByTestId('holder-did').textContent()).toBe(did);
    expect(await approval.getByTestId('domain-warning').count()).toBe(0);
    await approval.getByTestId('approve').click();

    const answer = await result;
    expect(answer.ok).toBe(true);
    const credentialResult = (answer as { value: { type: string; dataType: string; data: any } }).value;
    expect(credentialResult).toMatchObject({ type: 'web', dataType: 'VerifiablePresentation' });
    expect(credentialResult.data.holder).toBe(did);
    const check = await verifyPresentation({ presentation: credentialResult.data, challenge: 'chapi-e2e-1', domain: host(site) });
    expect(check.errors).toEqual([]);
    expect(check.verified).toBe(true);
    await expect.poll(() => approval.isClosed()).toBe(true);
    await page.close();
  });

  test('decline → null; closing the window → null', async () => {
    const page = await openPage(wallet.context, site.url());
    const declined = inPage(page, didAuthGet({ challenge: 'chapi-e2e-2', domain: host(site) }));
    const first = await chapiApproval(wallet, 'present');
    const firstId = approvalIdOf(first);
    await first.getByTestId('decline').click();
    expect(await declined).toEqual({ ok: true, value: null });
    expect(await decisionOf(firstId)).toMatchObject({ approved: false });

    const closed = inPage(page, didAuthGet({ challenge: 'chapi-e2e-3', domain: host(site) }));
    const second = await chapiApproval(wallet, 'present', { not: [first] });
    await second.close();
    expect(await closed).toEqual({ ok: true, value: null });
    await page.close();
  });
});

describe('store()', () => {
  test('approve: offered credentials shown with their verification; the good one is stored and returned', async () => {
    const page = await openPage(wallet.context, site.url());
    const result = inPage<{ type: string; dataType: string; data: any }>(page, storeCall([credential, tampered]));
    const approval = await chapiApproval(wallet, 'accept');
    expect(await approval.getByTestId('exchange-origin').textContent()).toBe(site.origin);
    const offers = approval.getByTestId('offered-credential');
    await expect.poll(() => offers.count()).toBe(2);
    expect(await offers.nth(0).getAttribute('data-storable')).toBe('true');
    expect(await offers.nth(0).getByTestId('verification').getAttribute('data-verified')).toBe('true');
    expect(await offers.nth(1).getAttribute('data-storable')).toBe('false');
    expect(await offers.nth(1).getByTestId('offer-problem').textContent()).toMatch(/Not stored/);
    await approval.getByTestId('approve').click();

    const answer = await result;
    expect(answer.ok).toBe(true);
    const stored = (answer as { value: { dataType: string; data: any } }).value;
    expect(stored.dataType).toBe('VerifiablePresentation');
    expect(stored.data.verifiableCredential).toEqual([credential]);
    const records = await readStore(popup, 'credentials');
    const mine = records.filter((r) => r.source?.kind === 'chapi');
    expect(mine.map((r) => r.credential)).toEqual([credential]);
    expect(mine[0].source.origin).toBe(site.origin);
    await page.close();
  });

  test('decline → null, nothing stored', async () => {
    const before = (await readStore(popup, 'credentials')).length;
    const page = await openPage(wallet.context, site.url());
    const other = { ...credential, id: 'urn:uuid:4d3c1c5e-decline-0001' };
    const result = inPage(page, storeCall([other]));
    const approval = await chapiApproval(wallet, 'accept');
    await approval.getByTestId('decline').click();
    expect(await result).toEqual({ ok: true, value: null });
    expect((await readStore(popup, 'credentials')).length).toBe(before);
    await page.close();
  });
});

describe('get() naming an exchange', () => {
  test('interact.service: consent, DID authentication and acceptance step through ONE window; the page gets OutOfBand', async () => {
    const { exchangeUrl } = await newInteraction(service);
    const page = await openPage(wallet.context, site.url());
    // every page (window or tab) the browser opens from here on: approval windows are counted below
    const opened: Page[] = [];
    const onPage = (p: Page) => void opened.push(p);
    wallet.context.on('page', onPage);
    const request = {
      web: {
        VerifiablePresentation: {
          query: { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] },
          interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: exchangeUrl }] },
        },
      },
    };
    const result = inPage(page, `navigator.credentials.get(${JSON.stringify(request)})`);
    const consent = await chapiApproval(wallet, 'present');
    expect(await consent.getByTestId('exchange-origin').textContent()).toBe(new URL(exchangeUrl).origin);
    expect(await consent.getByTestId('page-origin').textContent()).toContain(site.origin);
    // nothing was sent to the service before yes
    expect((await readServiceExchange(service, exchangeUrl)).exchange.state).toBe('pending');
    await consent.getByTestId('approve').click();

    // the exchange's own steps, in the same window: DID authentication, then the offered credential
    const present = await exchangeApproval(wallet, 'present');
    expect(present).toBe(consent);
    expect(await present.getByTestId('approval-sentence').textContent()).toMatch(/wants to confirm this wallet is yours\.$/);
    expect(await present.getByTestId('page-origin').textContent()).toContain(site.origin);
    await present.getByTestId('approve').click();
    const accept = await exchangeApproval(wallet, 'accept');
    expect(accept).toBe(consent);
    // the last answer closes the window at once: click in the page (Playwright's click would wait on a closing page)
    await accept.getByTestId('approve').evaluate((button) => (button as HTMLButtonElement).click());

    const outcome = await result;
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, value: { type: 'web', dataType: 'OutOfBand', data: null } });
    // …and that window closes at the end: one approval window in all, for three answers
    await expect.poll(() => consent.isClosed(), { timeout: 10_000 }).toBe(true);
    wallet.context.off('page', onPage);
    const approvalWindows = opened.filter((p) => p === consent || p.url().includes('/approval.html'));
    expect(approvalWindows).toEqual([consent]);
    const remote = await readServiceExchange(service, exchangeUrl);
    expect(remote.exchange.state).toBe('complete');
    expect(remote.exchange.variables.results.ownerBinding.did).toBe(did);

    // started at the exchange URL itself: no interaction URL, no ?iuv=1 discovery GET
    const record = (await readStore(popup, 'exchanges')).find((e) => e.source === 'chapi' && e.state?.exchangeUrl === exchangeUrl);
    expect(record).toMatchObject({ status: 'complete', pageOrigin: site.origin, state: { protocols: { vcapi: exchangeUrl }, interactionUrls: [] } });
    expect(record.interactionUrl).toBeUndefined();
    expect(record.state.interactionUrl).toBeUndefined();
    const messages = (await readStore(popup, 'messages')).filter((m) => m.exchangeId === record.id).sort((a, b) => a.seq - b.seq);
    expect(messages[0]).toMatchObject({ seq: 0, kind: 'exchange', method: 'POST', url: exchangeUrl, requestBody: {}, status: 200 });
    expect(messages.map((m) => `${m.method} ${m.url}`)).toEqual([`POST ${exchangeUrl}`, `POST ${exchangeUrl}`]);
    await page.close();
  });
});

describe('the page cannot choose who it is', () => {
  test('a made-up "origin" in the request is not accepted (a foreign domain: chapi-domain.e2e.ts)', async () => {
    const page = await openPage(wallet.context, site.url());
    // A made-up "origin" in the request is not even accepted.
    const forged = await inPage(page, `navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication'}, challenge: 'c'}, origin: 'https://bank.example'}})`);
    expect(forged).toMatchObject({ ok: false, name: 'TypeError', message: '"options.web.origin" is not supported; a web request carries VerifiablePresentation, recommendedHandlerOrigins and protocols.' });
    await page.close();
  });
});

describe('concurrency and navigation', () => {
  test('two tabs at once: each gets its own approval and its own answer', async () => {
    const a = await openPage(wallet.context, site.url());
    const b = await openPage(wallet.context, otherSite.url());
    const resultA = inPage<any>(a, didAuthGet({ challenge: 'for-tab-a', domain: host(site) }));
    const first = await chapiApproval(wallet, 'present', { origin: site.origin });
    const resultB = inPage<any>(b, didAuthGet({ challenge: 'for-tab-b', domain: host(otherSite) }));
    const second = await chapiApproval(wallet, 'present', { origin: otherSite.origin });
    expect(await first.getByTestId('exchange-origin').textContent()).toBe(site.origin);
    expect(await second.getByTestId('exchange-origin').textContent()).toBe(otherSite.origin);

    await second.getByTestId('approve').click();
    const answerB = await resultB;
    expect(answerB.ok && answerB.value.data.proof.challenge).toBe('for-tab-b');
    await first.getByTestId('decline').click();
    expect(await resultA).toEqual({ ok: true, value: null });
    await Promise.all([a.close(), b.close()]);
  });

  test('a page that aborts its get() (AbortSignal): AbortError in the page, the approval ends', async () => {
    const page = await openPage(wallet.context, site.url());
    const web = { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, challenge: 'chapi-e2e-abort', domain: host(site) } };
    const result = inPage(page, `(() => {
      const controller = new AbortController();
      window.abortWalletRequest = () => controller.abort();
      return navigator.credentials.get({ web: ${JSON.stringify(web)}, signal: controller.signal });
    })()`);
    const approval = await chapiApproval(wallet, 'present', { origin: site.origin });
    const approvalId = approvalIdOf(approval);
    await page.evaluate(() => (window as any).abortWalletRequest());
    expect(await result).toMatchObject({ ok: false, name: 'AbortError' });
    await expect.poll(() => approval.isClosed(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => decisionOf(approvalId)).toMatchObject({ approved: false });
    await page.close();
  });

  test('a tab that navigates away mid-request: the approval ends and nothing reaches the new page', async () => {
    const page = await openPage(wallet.context, site.url());
    void inPage(page, didAuthGet({ challenge: 'chapi-e2e-nav', domain: host(site) })).catch(() => undefined);
    const approval = await chapiApproval(wallet, 'present');
    const approvalId = approvalIdOf(approval);
    await page.goto(site.url('/logging'));
    await expect.poll(() => approval.isClosed(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => decisionOf(approvalId)).toMatchObject({ approved: false });
    // A late yes is refused: nothing can be sent any more.
    const late = await popup.evaluate(async (id) => {
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ id: 1, type: 'answerApproval', data: { id, approve: true, selections: [] }, timestamp: Date.now() });
      return reply?.err?.name ?? reply?.err?.message ?? 'no error';
    }, approvalId);
    expect(late).toBe('InvalidStateError');
    expect(await page.evaluate(() => (window as any).chapiLog)).toEqual([]);
    await page.close();
  });
});

describe('frames and the worker', () => {
  test('an iframe of another origin asks: the window names the frame and the page; only the frame gets the answer', async () => {
    const page = await openPage(wallet.context, site.url(`/frame-host?frame=${encodeURIComponent(otherSite.url('/logging'))}`));
    const frame = await (await page.locator('#embedded').elementHandle())!.contentFrame();
    await expect.poll(() => frame!.evaluate(() => typeof (window as any).WebCredential)).toBe('function');
    const result = frame!.evaluate((call) => new Function(`return (${call})`)().then((r: any) => JSON.parse(JSON.stringify(r))), didAuthGet({ challenge: 'chapi-e2e-frame', domain: host(otherSite) }));
    const approval = await chapiApproval(wallet, 'present');
    expect(await approval.getByTestId('exchange-origin').textContent()).toBe(otherSite.origin);
    expect(await approval.getByTestId('page-origin').textContent()).toContain(site.origin);
    await approval.getByTestId('approve').click();
    expect((await result).data.proof.challenge).toBe('chapi-e2e-frame');
    expect(await frame!.evaluate(() => (window as any).chapiLog.filter((m: any) => m.to === 'page' && !m.ack && !('loaded' in m)))).toHaveLength(1);
    expect(await page.evaluate(() => (window as any).chapiLog)).toEqual([]); // the top page saw nothing
    await page.close();
  });

  test('the worker stopping mid-request: the page gets an OperationError and the approval ends', async () => {
    const page = await openPage(wallet.context, site.url());
    const result = inPage(page, didAuthGet({ challenge: 'chapi-e2e-stop', domain: host(site) }));
    const approval = await chapiApproval(wallet, 'present');
    const approvalId = approvalIdOf(approval);
    await stopServiceWorker(wallet, popup);
    expect(await result).toMatchObject({ ok: false, name: 'OperationError' });
    // the restarted worker (woken by the wallet's pages) ends what nobody can receive any more
    await expect.poll(() => decisionOf(approvalId), { timeout: 20_000 }).toMatchObject({ approved: false });
    await expect.poll(() => approval.isClosed(), { timeout: 10_000 }).toBe(true);
    await page.close();
  });
});

describe('arguments', () => {
  test('malformed calls reject in the page with a TypeError that says what is wrong; no approval opens', async () => {
    const page = await openPage(wallet.context, site.url());
    const cases: [string, string][] = [
      [`navigator.credentials.get({web: 'VerifiablePresentation'})`,
        '"options.web" must be an object like {VerifiablePresentation: {query, challenge, domain}}.'],
      [`navigator.credentials.get({web: {}})`, '"options.web.VerifiablePresentation" is required (the presentation request).'],
      [`navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication'}}}})`,
        '"options.web.VerifiablePresentation.challenge" is required: the wallet signs the presentation with it.'],
      [`navigator.credentials.get({web: {VerifiablePresentation: {query: [{}], challenge: 'c'}}})`,
        '"options.web.VerifiablePresentation.query[0].type" must be a string such as "QueryByExample" or "DIDAuthentication".'],
      [`navigator.credentials.get({web: {VerifiablePresentation: {query: {type: 'DIDAuthentication'}, challenge: 42}}})`,
        '"options.web.VerifiablePresentation.challenge" must be a non-empty string of at most 2048 characters.'],
      [`navigator.credentials.get({web: {VerifiablePresentation: {interact: {service: [{type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: 'http://exchange.example/x'}]}}}})`,
        '"options.web.VerifiablePresentation.interact.service[0].serviceEndpoint" must be an https URL (plain http only on loopback).'],
      [`navigator.credentials.store(new WebCredential('VerifiableCredential', {}))`,
        '"credential.dataType" must be "VerifiablePresentation" (got "VerifiableCredential").'],
      [`navigator.credentials.store(new WebCredential('VerifiablePresentation', {type: ['VerifiablePresentation']}))`,
        '"credential.data.verifiableCredential" must hold at least one credential to store.'],
      [`(() => { const o = {type: 'DIDAuthentication'}; o.self = o; return navigator.credentials.get({web: {VerifiablePresentation: {query: o, challenge: 'c'}}}); })()`,
        '"options.web" must be plain JSON (no cycles, BigInts or throwing getters).'],
      [`new WebCredential('', {})`, '"dataType" must be a non-empty string such as "VerifiablePresentation".'],
    ];
    for (const [call, message] of cases) {
      const outcome = await inPage(page, call);
      expect(outcome, call).toMatchObject({ ok: false, name: 'TypeError', message, isTypeError: true });
    }
    expect(wallet.context.pages().filter((p) => p.url().includes('approval.html?id=chapi-'))).toHaveLength(0);
    await page.close();
  });
});

describe('other credential types and the CHAPI polyfill', () => {
  test('non-web requests reach the browser\'s own API, not the wallet', async () => {
    const page = await openPage(wallet.context, site.url());
    const empty = await inPage(page, `navigator.credentials.get({})`);
    const password = await inPage(page, `navigator.credentials.get({password: true, mediation: 'silent'})`);
    const nativeEmpty = await inPage(page, `CredentialsContainer.prototype.get.call(navigator.credentials, {})`);
    expect(empty).toEqual(nativeEmpty); // the same answer the browser gives directly
    expect(password).toEqual({ ok: true, value: null });
    expect(await page.evaluate(() => typeof (window as any).WebCredential)).toBe('function');
    expect(wallet.context.pages().filter((p) => p.url().includes('approval.html?id=chapi-'))).toHaveLength(0);
    await page.close();
  });

  test('a page that loads the CHAPI polyfill still reaches the wallet (navigator.credentials and credentialsPolyfill)', async () => {
    const page = await openPage(wallet.context, site.url('/polyfill'));
    expect(await page.evaluate(() => (window as any).polyfillLoaded)).toBe(true);
    const viaNavigator = inPage<any>(page, didAuthGet({ challenge: 'chapi-e2e-polyfill', domain: host(site) }));
    const first = await chapiApproval(wallet, 'present');
    await first.getByTestId('approve').click();
    const answer = await viaNavigator;
    expect(answer.ok && answer.value.data.proof.challenge).toBe('chapi-e2e-polyfill');

    const viaPolyfill = inPage(page, `navigator.credentialsPolyfill.credentials.store(new WebCredential('VerifiablePresentation', {type: ['VerifiablePresentation'], verifiableCredential: [${JSON.stringify(credential)}]}))`);
    const second = await chapiApproval(wallet, 'accept');
    await second.getByTestId('decline').click();
    expect(await viaPolyfill).toEqual({ ok: true, value: null });
    await page.close();
  });
});

describe('internal messages', () => {
  test('a page cannot reach the extension directly, and forged bridge messages get nothing', async () => {
    const page = await openPage(wallet.context, site.url('/logging'));
    // 1. The extension's runtime is not reachable from a web page.
    const direct = await page.evaluate(async (extensionId) => {
      const runtime = (window as any).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime';
      try {
        await runtime.sendMessage(extensionId, { id: 1, type: 'listCredentials', timestamp: Date.now() });
        return 'answered';
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    }, wallet.extensionId);
    expect(direct === 'no runtime' || direct.startsWith('refused')).toBe(true);

    // 2. A pending request, then forged messages on the window: wallet-internal shapes and bridge lookalikes.
    const pending = inPage(page, didAuthGet({ challenge: 'chapi-e2e-forge', domain: host(site) }));
    const approval = await chapiApproval(wallet, 'present');
    const approvalId = approvalIdOf(approval);
    await page.evaluate((id) => {
      const forged = [
        { id: 7, type: 'answerApproval', data: { id, approve: true, selections: [] }, timestamp: Date.now() },
        { id: 8, type: 'listCredentials', timestamp: Date.now() },
        { channel: 'vcalm-chapi/1', to: 'wallet', id: 'forged-0001', op: 'answerApproval', payload: { id, approve: true } },
        { channel: 'vcalm-chapi/1', to: 'wallet', id: 'forged-0002', op: 'get', payload: {}, origin: 'https://bank.example' },
        { op: 'store', requestId: 'forged-0003', credential: {} },
      ];
      for (const message of forged) window.postMessage(message, '*');
    }, approvalId);
    // The bridge ignored all of it: the real request is still the only one, still pending.
    await expect.poll(() => page.evaluate(() => (window as any).chapiLog.filter((m: any) => m.to === 'wallet' && m.op !== 'load').length)).toBe(3);
    expect(await approval.getByTestId('approval').getAttribute('data-status')).toBe('pending');
    expect(await decisionOf(approvalId)).toBeUndefined();
    expect(wallet.context.pages().filter((p) => p.url().includes('approval.html?id=chapi-') && !p.isClosed())).toHaveLength(1);
    await approval.getByTestId('decline').click();
    expect(await pending).toEqual({ ok: true, value: null });
    // the page saw replies only to its own real request
    // (the stub's one-time "load" of the wallet into this page and its answer are not requests)
    const replies = await page.evaluate(() => (window as any).chapiLog.filter((m: any) => m.to === 'page' && !m.ack && !('loaded' in m)));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ ok: true, result: null });
    await page.close();
  });
});
