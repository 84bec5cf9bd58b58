// Driving the built wallet: its popup (opened as a tab), its approval windows, its IndexedDB,
// and its service worker (stopped over CDP the way Chromium stops an idle one).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WalletBrowser } from './browser';

export async function openPopup(wallet: WalletBrowser): Promise<Page> {
  const page = await wallet.context.newPage();
  await page.goto(`chrome-extension://${wallet.extensionId}/popup.html`);
  await page.getByTestId('wallet-did').waitFor();
  return page;
}

export async function walletDid(popup: Page): Promise<string> {
  return (await popup.getByTestId('wallet-did').textContent())!.trim();
}

export async function startFromPopup(popup: Page, url: string): Promise<void> {
  await popup.getByTestId('tab-exchanges').click();
  await popup.getByTestId('paste-url').fill(url);
  await popup.getByTestId('start-exchange').click();
}

/**
 * The approval window showing a pending approval of this kind (`.present` / `.accept` / `.pin` ends its id;
 * one window per exchange is navigated in place), optionally of one exchange.
 */
export async function approvalPage(
  wallet: WalletBrowser,
  kind: 'present' | 'accept' | 'pin',
  { exchangeId }: { exchangeId?: string } = {},
): Promise<Page> {
  const find = async () => {
    for (const page of wallet.context.pages()) {
      const id = page.url().includes('/approval.html?id=') ? new URL(page.url()).searchParams.get('id') : null;
      if (!id?.endsWith(`.${kind}`) || (exchangeId && !id.startsWith(`${exchangeId}.`))) continue;
      const status = await page.getByTestId('approval').getAttribute('data-status', { timeout: 1000 }).catch(() => null);
      if (status === 'pending') return page;
    }
    return undefined;
  };
  await expect.poll(find, { timeout: 20_000 }).toBeTruthy();
  return (await find())!;
}

/** Read a whole object store of the wallet's database from an extension page. */
export async function readStore<T = any>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('vcalm-wallet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            // CryptoKeys and other non-JSON values are not needed by the tests
            resolve(JSON.parse(JSON.stringify(request.result)));
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/**
 * Stop the extension's service worker as Chromium does when it is idle (CDP ServiceWorker
 * domain), and wait until Chromium reports it stopped.
 */
export async function stopServiceWorker(wallet: WalletBrowser, page: Page): Promise<void> {
  const cdp = await wallet.context.newCDPSession(page);
  const scope = `chrome-extension://${wallet.extensionId}/`;
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v: { scriptURL: string; runningStatus: string }) => v.scriptURL.startsWith(scope) && v.runningStatus === 'stopped')) {
        resolve();
      }
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

/**
 * Run a credential-issuing interaction from the popup, approving its DID authentication and its
 * offer, and wait until the Credentials tab lists `count` credentials.
 */
export async function receiveFromPopup(wallet: WalletBrowser, popup: Page, interactionUrl: string, { count = 1 } = {}): Promise<void> {
  await startFromPopup(popup, interactionUrl);
  await (await approvalPage(wallet, 'present')).getByTestId('approve').click();
  await (await approvalPage(wallet, 'accept')).getByTestId('approve').click();
  await popup.getByTestId('tab-credentials').click();
  await expect.poll(() => popup.getByTestId('credential-item').count(), { timeout: 30_000 }).toBe(count);
}
