// The product page in real (headless) Chromium without a wallet: the button starts an exchange,
// the QR code and link appear, the CHAPI button says clearly that no wallet answered, and when a
// scripted holder completes the exchange the page shows "issued" with the bound DID.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowService } from '../../workflow-service/index';
import { runHolder } from '../test-support/holder';
import { startShop, type Shop } from './shop-server';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Chromium is a prerequisite (README, .ci/run): without it this fails at once, it is not skipped.
describe('product page in Chromium (no wallet installed)', () => {
  let service: Awaited<ReturnType<typeof startWorkflowService>>;
  let shop: Shop;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
    }
    service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
    shop = await startShop({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, port: 0, pollIntervalMs: 50 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--headless=new'] });
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await service?.close();
  });

  it('walks a person from the button to the issued credential', async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(shop.url);
    await expect.poll(() => page.locator('#exchange-panel').isHidden()).toBe(true);

    await page.click('#get-credential');
    await page.locator('#qr svg').waitFor();
    const interactionUrl = (await page.locator('#interaction-link').textContent())!;
    expect(interactionUrl).toMatch(new RegExp(`^${shop.url}interactions/[\\w-]+\\?iuv=1$`));
    expect(await page.locator('#interaction-link').getAttribute('href')).toBe(interactionUrl);
    expect(await page.locator('#status-line').textContent()).toBe('Waiting for your wallet…');

    await page.click('#open-wallet');
    await expect.poll(() => page.locator('#wallet-answer').textContent(), { timeout: 10_000 }).toMatch(/^No wallet answered/);

    const holder = await runHolder({ interactionUrl });
    await expect.poll(() => page.locator('#status-line').textContent(), { timeout: 10_000 }).toBe('Credential issued.');
    expect(await page.locator('#bound-did').textContent()).toBe(holder.key.did);
    expect(await page.locator('#step-issued').getAttribute('class')).toContain('done');
    expect(await page.locator('#error').isHidden()).toBe(true);
    if (process.env.SHOP_SCREENSHOT) await page.screenshot({ path: process.env.SHOP_SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows a clear error when the shop cannot start the exchange', async () => {
    const broken = await startShop({ workflowUrl: service.workflowUrl('provenance-issuance'), token: 'wrong-token-wrong-token', port: 0 });
    try {
      const page = await browser.newPage();
      await page.goto(broken.url);
      await page.click('#get-credential');
      await page.locator('#error').waitFor();
      expect(await page.locator('#error-title').textContent()).toBe('Could not start the exchange');
      expect(await page.locator('#error-detail').textContent()).toMatch(/^NotAllowedError: The workflow service refused/);
      expect(await page.locator('#get-credential').isEnabled()).toBe(true);
    } finally {
      await broken.close();
    }
  });
});
