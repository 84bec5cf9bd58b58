// `npm run demo -- --check`: one purchase through the running demo, as a shopper would do it on
// a desktop: click "Get authenticity credential" in the shop, paste the interaction URL into the
// wallet popup, approve the DID authentication, accept the credential, and see the shop say
// "Credential issued." with the wallet's DID.
import type { BrowserContext, Page } from 'playwright-core';

interface Options {
  context: BrowserContext;
  page: Page;
  extensionId: string;
  /** The workflow URL the demo printed: it must answer, as a newcomer will open it. */
  workflowUrl: string;
}

async function approvalWindow(context: BrowserContext, kind: 'present' | 'accept'): Promise<Page> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const p of context.pages()) {
      const id = p.url().includes('/approval.html?id=') ? new URL(p.url()).searchParams.get('id') : null;
      if (!id?.endsWith(`.${kind}`)) continue;
      const status = await p.getByTestId('approval').getAttribute('data-status', { timeout: 1000 }).catch(() => null);
      if (status === 'pending') return p;
    }
    await context.waitForEvent('page', { timeout: 1000 }).catch(() => undefined);
  }
  throw new Error(`no ${kind} approval window appeared within 30 s`);
}

export async function runDemoCheck({ context, page, extensionId, workflowUrl }: Options): Promise<boolean> {
  const step = (text: string) => console.log(`  ✓ ${text}`);
  const workflow = await fetch(workflowUrl);
  if (!workflow.ok) {
    console.error(`  ✗ the printed workflow URL answered HTTP ${workflow.status}`);
    return false;
  }
  step(`workflow URL answers: ${(await workflow.json()).howToCreate}`);
  await page.locator('#get-credential').click();
  const link = page.locator('#interaction-link');
  await link.waitFor({ timeout: 20_000 });
  const interactionUrl = (await link.getAttribute('href'))!;
  step(`shop created an exchange: ${interactionUrl}`);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const did = (await popup.getByTestId('wallet-did').textContent({ timeout: 20_000 }))!.trim();
  step(`wallet DID ${did}`);
  await popup.getByTestId('tab-exchanges').click();
  await popup.getByTestId('paste-url').fill(interactionUrl);
  await popup.getByTestId('start-exchange').click();

  const present = await approvalWindow(context, 'present');
  step(`approval asks on behalf of ${(await present.getByTestId('exchange-origin').textContent())?.trim()}`);
  await present.getByTestId('approve').click();
  const accept = await approvalWindow(context, 'accept');
  await accept.getByTestId('approve').click();
  step('credential accepted');

  await page.locator('#status-line', { hasText: 'Credential issued.' }).waitFor({ timeout: 30_000 });
  const bound = (await page.locator('#bound-did').textContent())?.trim() ?? '';
  if (!bound.includes(did)) {
    console.error(`  ✗ the shop bound ${bound || 'nothing'}, expected ${did}`);
    return false;
  }
  step(`shop says "Credential issued." to ${did}`);
  await popup.getByTestId('tab-credentials').click();
  await popup.getByTestId('credential-item').first().waitFor({ timeout: 10_000 });
  step('the credential is listed in the wallet popup');
  console.log('demo check passed');
  return true;
}
