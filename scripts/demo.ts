// The README's main command: the local workflow service, the demo shop and Chromium with the
// wallet extension loaded, all on 127.0.0.1. Ctrl-C stops everything.
//   --check     run headless, drive one purchase end to end through the wallet, then exit (0 = ok)
//   --no-build  use the extension already built (the test run has just built it)
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startWorkflowService } from '../workflow-service/index';
import { startShop } from '../coordinator/shop/index';
import { startVerifier } from '../coordinator/verifier/verifier-server';

const root = resolve(import.meta.dirname, '..');
// WALLET_OUT_DIR: the same variable wxt.config.ts reads, for a build kept apart from .output.
const extensionDir = resolve(root, process.env.WALLET_OUT_DIR ?? '.output', 'chrome-mv3');
const check = process.argv.includes('--check');
const skipBuild = process.argv.includes('--no-build');
const headless = check || !process.env.DISPLAY;

function build() {
  console.log('Building the extension (wxt build)…');
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: check ? 'pipe' : 'inherit' });
  if (r.status !== 0) {
    console.error(r.stderr?.toString() ?? '');
    throw new Error('wxt build failed');
  }
}

async function main() {
  if (!skipBuild) build();
  const dataDir = await mkdtemp(join(tmpdir(), 'vcalm-demo-'));
  const service = await startWorkflowService({ host: '127.0.0.1', port: Number(process.env.WORKFLOW_PORT ?? 0), dataDir });
  const workflowUrl = service.workflowUrl('provenance-issuance');
  const shop = await startShop({ workflowUrl, token: service.token, host: '127.0.0.1', port: Number(process.env.SHOP_PORT ?? 0) });
  // The verifier trusts the brand: it accepts the provenance credential the shop's exchange issues.
  const verifier = await startVerifier({ host: '127.0.0.1', port: Number(process.env.VERIFIER_PORT ?? 0), trustedIssuers: [service.issuer] });
  const profile = await mkdtemp(join(tmpdir(), 'vcalm-demo-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    args: [
      ...(headless ? ['--headless=new'] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(shop.url);

  console.log(`
VCALM demo is running
  workflow service  ${service.baseUrl}   (token: ${service.token})
  workflow          ${workflowUrl}
  demo shop         ${shop.url}
  demo verifier     ${verifier.url}   (asks the wallet for the provenance credential)
  wallet popup      chrome-extension://${extensionId}/popup.html
  Chromium          ${headless ? 'headless (no DISPLAY); open the shop URL in a browser with the extension loaded from .output/chrome-mv3' : 'window opened on the shop'}
Press Ctrl-C to stop.`);

  const stop = async () => {
    await context.close().catch(() => {});
    await shop.close();
    await verifier.close();
    await service.close();
    await rm(profile, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  };
  if (check) {
    const { runDemoCheck } = await import('./demo-check');
    let ok = false;
    try {
      ok = await runDemoCheck({ context, page, extensionId });
    } finally {
      await stop();
    }
    process.exit(ok ? 0 : 1);
  }
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(`demo failed: ${err?.name ?? 'Error'}: ${err?.message ?? err}`);
  process.exit(1);
});
