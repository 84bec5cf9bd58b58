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

// Everything started so far, stopped in reverse order on any exit (done, failed or interrupted).
const cleanups: Array<() => Promise<unknown>> = [];
let stopping: Promise<void> | undefined;
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      // One part failing to stop must not keep the others (or the temp folders) around.
      await cleanup().catch((error) => console.error(`demo: stopping: ${error?.message ?? error}`));
    }
  })();
  return stopping;
}

function build() {
  console.log('Building the extension (wxt build)…');
  const started = Date.now();
  // The build's own progress lines go straight to the terminal, in --check mode too.
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('wxt build failed (its output is above)');
  console.log(`Built ${extensionDir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

async function main() {
  if (!skipBuild) build();
  const dataDir = await mkdtemp(join(tmpdir(), 'vcalm-demo-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const service = await startWorkflowService({ host: '127.0.0.1', port: Number(process.env.WORKFLOW_PORT ?? 0), dataDir });
  cleanups.push(() => service.close());
  const workflowUrl = service.workflowUrl('provenance-issuance');
  const shop = await startShop({ workflowUrl, token: service.token, host: '127.0.0.1', port: Number(process.env.SHOP_PORT ?? 0) });
  cleanups.push(() => shop.close());
  // The verifier trusts the brand: it accepts the provenance credential the shop's exchange issues.
  const verifier = await startVerifier({ host: '127.0.0.1', port: Number(process.env.VERIFIER_PORT ?? 0), trustedIssuers: [service.issuer] });
  cleanups.push(() => verifier.close());
  const profile = await mkdtemp(join(tmpdir(), 'vcalm-demo-profile-'));
  cleanups.push(() => rm(profile, { recursive: true, force: true }));
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
  cleanups.push(() => context.close());
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(shop.url);

  console.log(`
VCALM demo is running
  workflow service  ${service.baseUrl}   (token: ${service.token})
  workflow          ${workflowUrl}   (GET it: what an exchange needs)
  demo shop         ${shop.url}
  demo verifier     ${verifier.url}   (asks the wallet for the provenance credential)
  wallet popup      chrome-extension://${extensionId}/popup.html
  Chromium          ${headless ? 'headless (no DISPLAY); open the shop URL in a browser with the extension loaded from .output/chrome-mv3' : 'window opened on the shop'}
  Chromium profile  ${profile}   (removed on exit)`);

  if (check) {
    console.log('Checking one purchase through the wallet (--check); the demo stops by itself afterwards.');
    const { runDemoCheck } = await import('./demo-check');
    let ok = false;
    try {
      ok = await runDemoCheck({ context, page, extensionId, workflowUrl });
    } finally {
      await stopAll();
    }
    process.exit(ok ? 0 : 1);
  }
  console.log('Press Ctrl-C to stop.');
  const onSignal = () => {
    console.log('\nStopping the demo…');
    void stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().catch(async (err) => {
  console.error(`demo failed: ${err?.name ?? 'Error'}: ${err?.message ?? err}`);
  await stopAll();
  process.exit(1);
});
