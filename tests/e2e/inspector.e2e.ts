// The exchange inspector end to end: the built extension in headless Chromium runs a real
// provenance exchange against the local workflow service; the inspector page follows it live,
// shows each message with status and timing, the request in words, the VP sent and the
// credential received (both re-verified), exports HAR 1.2 and JSON (which imports back),
// shows a refusal with the server's own body, and clears history. The DevTools panel page lists
// the same exchanges.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { parseExchangeExport, validateHar, type Har } from '../../utils/inspect';
import { EXTENSION_DIR, launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, startService } from './support/service';
import { approvalPage, readStore } from './support/wallet-pages';

let wallet: WalletBrowser;
let service: WorkflowService;
let inspector: Page;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
  inspector = await wallet.context.newPage();
  inspector.on('dialog', (dialog) => void dialog.accept());
  await inspector.goto(`chrome-extension://${wallet.extensionId}/inspector.html`);
  await inspector.getByTestId('inspector').waitFor();
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
});

const row = (page: Page, id: string) => page.locator(`[data-testid="exchange-row"][data-exchange-id="${id}"]`);
const detail = (page: Page) => page.getByTestId('exchange-detail');
const messageRows = (page: Page) => detail(page).getByTestId('message-row');

async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), detail(page).getByTestId(testid).click()]);
  return readFile((await file.path())!, 'utf8');
}

async function statuses(page: Page): Promise<string[]> {
  return messageRows(page).evaluateAll((rows) => rows.map((r) => `${r.querySelector('[data-testid="message-method"]')?.textContent} ${r.getAttribute('data-status')}`));
}

describe('exchange inspector', () => {
  let exchangeId: string;
  let interactionUrl: string;

  test('follows a real exchange live: each message with status and timing, the request in words, the VP and the credential re-verified', async () => {
    await expect.poll(() => inspector.getByTestId('live-indicator').textContent()).toContain('live');
    expect(await inspector.getByTestId('exchange-list-empty').count()).toBe(1);

    ({ interactionUrl } = await newInteraction(service));
    await inspector.getByTestId('start-url').fill(interactionUrl);
    await inspector.getByTestId('start-exchange').click();
    await expect.poll(() => detail(inspector).getAttribute('data-exchange-id')).toBeTruthy();
    exchangeId = (await detail(inspector).getAttribute('data-exchange-id'))!;
    expect(await row(inspector, exchangeId).count()).toBe(1);

    // live, without reloading: the discovery GET and the first POST arrive, then the exchange waits for the user
    await expect.poll(() => statuses(inspector), { timeout: 20_000 }).toEqual(['GET 200', 'POST 200']);
    await expect.poll(() => detail(inspector).getAttribute('data-status')).toBe('request');
    expect(await detail(inspector).getByTestId('detail-phase').textContent()).toMatch(/waiting for the user to approve/);
    expect(await detail(inspector).getByTestId('detail-source').textContent()).toContain('paste');
    expect(await detail(inspector).getByTestId('detail-interaction-url').textContent()).toContain(interactionUrl);
    expect(await detail(inspector).getByTestId('detail-protocols').textContent()).toContain('vcapi');
    const explanation = detail(inspector).getByTestId('request-explanation');
    await expect.poll(() => explanation.getByTestId('query-explanation').getAttribute('data-type')).toBe('DIDAuthentication');
    expect(await explanation.getByTestId('request-satisfiable').textContent()).toContain('answerable');
    expect((await explanation.getByTestId('request-summary').allTextContents()).join(' ')).toMatch(/Challenge: .+matches the exchange origin/);

    // the user answers in the wallet's approval windows; the inspector keeps up
    await (await approvalPage(wallet, 'present', { exchangeId })).getByTestId('approve').click();
    await (await approvalPage(wallet, 'accept', { exchangeId })).getByTestId('approve').click();
    await expect.poll(() => detail(inspector).getAttribute('data-status'), { timeout: 20_000 }).toBe('complete');
    await expect.poll(() => statuses(inspector)).toEqual(['GET 200', 'POST 200', 'POST 200']);
    expect(await row(inspector, exchangeId).getAttribute('data-status')).toBe('complete');

    for (const duration of await detail(inspector).getByTestId('message-duration').allTextContents()) {
      expect(duration).toMatch(/^\d+(\.\d+)? (ms|s)$/);
    }
    expect(await detail(inspector).getByTestId('message-status').allTextContents()).toEqual(['200', '200', '200']);
    const offsets = (await detail(inspector).getByTestId('message-offset').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-start-ms')))));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b)); // the waterfall runs forward in time
    expect(await detail(inspector).getByTestId('detail-durations').textContent()).toMatch(/total \d.*network \d.*3 messages/);

    await expect.poll(() => detail(inspector).getByTestId('sent-verified').getAttribute('data-verified'), { timeout: 20_000 }).toBe('true');
    expect(await detail(inspector).getByTestId('proof').textContent()).toMatch(/authentication/);
    await expect.poll(() => detail(inspector).getByTestId('credential-verified').getAttribute('data-verified'), { timeout: 20_000 }).toBe('true');
    expect(await detail(inspector).getByTestId('credential-stored').textContent()).toBe('stored');
    expect(await detail(inspector).getByTestId('approval-view').count()).toBe(1);

    // a message opens to its headers and bodies; curl is offered
    await messageRows(inspector).nth(2).locator('.msg-line').click();
    const opened = messageRows(inspector).nth(2).getByTestId('message-detail');
    await expect.poll(() => opened.getByTestId('request-body').textContent()).toContain('verifiablePresentation');
    expect(await opened.getByTestId('response-body').textContent()).toContain('verifiableCredential');
    const headerTables = opened.locator('table.headers');
    expect(await headerTables.nth(0).textContent()).toMatch(/content-type\s*application\/json/);
    expect(await headerTables.nth(1).textContent()).toMatch(/content-type\s*application\/json/);
    // Chromium grants no clipboard-read to extension origins under automation: record what is written
    await inspector.evaluate(() => {
      const copied: string[] = ((window as unknown as { copied: string[] }).copied = []);
      navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    });
    await opened.getByTestId('copy-curl').click();
    await expect.poll(() => opened.getByTestId('copy-curl').getAttribute('data-state')).toBe('copied');
    const [curl] = await inspector.evaluate(() => (window as unknown as { copied: string[] }).copied);
    expect(curl).toMatch(/^curl -X POST '?http:\/\/127\.0\.0\.1:\d+\/workflows\/provenance-issuance\/exchanges\/[^' ]+'? -H /);
    expect(curl).toContain("--data-raw '{\"verifiablePresentation\":");
    // nothing secret on screen
    expect(await inspector.locator('body').textContent()).not.toMatch(/secretKeyMultibase|privateKeyMultibase|Bearer /);
  });

  test('exports a HAR 1.2 log with one entry per message (request, response, timings)', async () => {
    const har = JSON.parse(await download(inspector, 'export-har')) as Har;
    expect(validateHar({ har })).toEqual({ valid: true, errors: [] });
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(3);
    const stored = (await readStore(inspector, 'messages')).filter((m) => m.exchangeId === exchangeId).sort((a, b) => a.seq - b.seq);
    har.log.entries.forEach((entry, i) => {
      expect(entry.request).toMatchObject({ method: stored[i].method, url: stored[i].url });
      expect(entry.response.status).toBe(stored[i].status);
      expect(entry.timings.wait).toBe(stored[i].durationMs);
      expect(entry.time).toBe(stored[i].durationMs);
      expect(entry.startedDateTime).toBe(stored[i].startedAt);
    });
    expect(JSON.parse(har.log.entries[2].request.postData!.text).verifiablePresentation.proof).toBeTruthy();
    expect(JSON.stringify(har)).not.toMatch(/[Aa]uthorization|secretKey|privateKey/);
  });

  test('exports JSON that equals what the wallet recorded and imports back into the inspector', async () => {
    const text = await download(inspector, 'export-json');
    const data = parseExchangeExport({ input: text });
    const stored = (await readStore(inspector, 'messages')).filter((m) => m.exchangeId === exchangeId).sort((a, b) => a.seq - b.seq);
    expect(data.messages).toEqual(stored);
    expect(data.exchange).toMatchObject({ id: exchangeId, status: 'complete', source: 'paste', interactionUrl });
    expect(JSON.parse(text)).toEqual(data); // the file is already in its canonical form

    await inspector.getByTestId('import-file').setInputFiles({ name: 'exchange.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(() => detail(inspector).getAttribute('data-exchange-id')).toBe(`imported:${exchangeId}`);
    expect(await statuses(inspector)).toEqual(['GET 200', 'POST 200', 'POST 200']);
    const again = parseExchangeExport({ input: await download(inspector, 'export-json') });
    expect({ ...again, exportedAt: data.exportedAt }).toEqual(data);

    // a file that is not an export is refused with the reason, and nothing changes
    const before = await inspector.getByTestId('exchange-row').count();
    await inspector.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"log": {}}') });
    await expect.poll(() => inspector.getByTestId('inspector-notice').textContent()).toMatch(/bad\.json: DataError/);
    expect(await inspector.getByTestId('exchange-row').count()).toBe(before);
  });

  test('a refusal shows the server\'s own error body', async () => {
    await inspector.getByTestId('start-url').fill(interactionUrl); // already complete on the service → 403
    await inspector.getByTestId('start-exchange').click();
    await expect.poll(() => detail(inspector).getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    const refusedId = (await detail(inspector).getAttribute('data-exchange-id'))!;
    expect(refusedId).not.toBe(exchangeId);
    await expect.poll(() => statuses(inspector)).toEqual(['GET 200', 'POST 403']);
    expect(await detail(inspector).getByTestId('detail-error').textContent()).toMatch(/NotAllowedError.*403/s);
    expect(await detail(inspector).getByTestId('error-body').textContent()).toContain('Exchange is complete.');
  });

  test('the DevTools panel page lists the same exchanges', async () => {
    const panel = await wallet.context.newPage();
    await panel.goto(`chrome-extension://${wallet.extensionId}/devtools-panel.html`);
    await expect.poll(() => panel.locator(`[data-testid="exchange-row"][data-exchange-id="${exchangeId}"]`).count()).toBe(1);
    await panel.close();
    const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.devtools_page).toBe('devtools.html');
  });

  test('clear history removes finished exchanges and their messages', async () => {
    await inspector.getByTestId('clear-history').click();
    await expect.poll(() => inspector.getByTestId('inspector-notice').textContent()).toMatch(/Cleared 2 exchanges/);
    await expect.poll(() => inspector.getByTestId('exchange-row').count()).toBe(0);
    expect((await readStore(inspector, 'messages')).filter((m) => m.exchangeId === exchangeId)).toEqual([]);
    expect(await readStore(inspector, 'credentials')).toHaveLength(1); // credentials stay
  });
});
