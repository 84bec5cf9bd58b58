// The demo sites with CHAPI, end to end: the shop's "Open in browser wallet" button runs the
// provenance exchange through the extension, then the demo verifier asks for that credential
// with navigator.credentials.get() and shows the verification result.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkflowService } from '../../workflow-service';
import { startShop, type Shop } from '../../coordinator/shop/shop-server';
import { startVerifier, type Verifier } from '../../coordinator/verifier/verifier-server';
import { launchWallet, type WalletBrowser } from './support/browser';
import { startService } from './support/service';
import { openPopup, walletDid } from './support/wallet-pages';
import { chapiApproval, exchangeApproval } from './chapi-site';

let wallet: WalletBrowser;
let service: WorkflowService;
let shop: Shop;
let verifier: Verifier;
let did: string;

beforeAll(async () => {
  [wallet, service] = await Promise.all([launchWallet(), startService()]);
  [shop, verifier] = await Promise.all([
    startShop({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, pollIntervalMs: 100 }),
    startVerifier({ trustedIssuers: [service.issuer] }),
  ]);
  const popup = await openPopup(wallet);
  did = await walletDid(popup);
  await popup.close();
});
afterAll(async () => {
  await wallet?.close();
  await Promise.all([shop?.close(), verifier?.close()]);
  await service?.close();
});
afterEach(async () => {
  await Promise.all(wallet.context.pages().filter((p) => p.url().includes('/approval.html')).map((p) => p.close()));
});

describe('demo sites through CHAPI', () => {
  test('the shop\'s wallet button: consent, DID authentication, accept → the shop sees the credential issued to our DID', async () => {
    const page: Page = await wallet.context.newPage();
    await page.goto(shop.url);
    await page.locator('#get-credential').click();
    await page.locator('#open-wallet').waitFor({ state: 'visible' });
    await page.locator('#open-wallet').click();

    const consent = await chapiApproval(wallet, 'present');
    expect(await consent.getByTestId('page-origin').textContent()).toContain(new URL(shop.url).origin);
    expect(await consent.getByTestId('exchange-origin').textContent()).toBe(new URL(service.baseUrl).origin);
    expect(await consent.getByTestId('domain-warning').count()).toBe(0);
    await consent.getByTestId('approve').click();
    await (await exchangeApproval(wallet, 'present')).getByTestId('approve').click();
    await (await exchangeApproval(wallet, 'accept')).getByTestId('approve').click();

    await expect.poll(() => page.locator('#wallet-answer').textContent(), { timeout: 20_000 }).toContain('OutOfBand');
    await expect.poll(() => page.locator('#exchange-panel').getAttribute('data-stage'), { timeout: 20_000 }).toBe('issued');
    expect(await page.locator('#bound-did').textContent()).toBe(did);
    await page.close();
  });

  test('the verifier asks for the provenance credential; the wallet offers it; the page shows it verified', async () => {
    const page = await wallet.context.newPage();
    await page.goto(verifier.url);
    await page.getByTestId('verify').click();

    const approval = await chapiApproval(wallet, 'present').catch(async (error: Error) => {
      const pages = wallet.context.pages().map((p) => p.url()).join(', ');
      throw new Error(`${error.message}; the page says: ${await page.getByTestId('verify-result').textContent()}; pages: ${pages}`);
    });
    expect(await approval.getByTestId('exchange-origin').textContent()).toBe(verifier.origin);
    expect(await approval.getByTestId('query').getAttribute('data-query-type')).toBe('QueryByExample');
    await expect.poll(() => approval.getByTestId('candidate').count()).toBeGreaterThan(0);
    await approval.getByTestId('approve').click();

    const result = page.getByTestId('verify-result');
    await expect.poll(() => result.getAttribute('data-verified'), { timeout: 20_000 }).toBe('true');
    expect(await page.getByTestId('verdict').textContent()).toContain('Authentic');
    expect(await page.getByTestId('product-sku').textContent()).toBe('HB-2026-0042');
    expect(await page.getByTestId('holder').textContent()).toBe(did);
    await page.close();
  });

  test('declining at the verifier shares nothing', async () => {
    const page = await wallet.context.newPage();
    await page.goto(verifier.url);
    await page.getByTestId('verify').click();
    const approval = await chapiApproval(wallet, 'present').catch(async (error: Error) => {
      throw new Error(`${error.message}; the page says: ${await page.getByTestId('verify-result').textContent()}`);
    });
    await approval.getByTestId('decline').click();
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-state')).toBe('warn');
    expect(await page.getByTestId('verify-result').textContent()).toContain('Nothing was shared');
    await page.close();
  });
});
