// How fast the popup shows the wallet's DID, in Chromium with the built extension, measured side
// by side in one run: with the service worker running (warm) and after Chromium stopped it (as it
// does to an idle worker). Times are from the popup's navigation start (performance.now() in the
// page): first paint, DID shown (on screen: its mark, or the first paint when it was put on the page
// before it), and DID confirmed by the background's answer.
// Goal: DID shown ≤ 100 ms warm; a stopped worker adds ≤ 50 ms.
// Run: npm run bench -- popup-open   (builds the extension first when there is no build)
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { launchWallet, type WalletBrowser } from '../tests/e2e/support/browser';
import { ensureBuilt } from './support/extension-build';

const RUNS = Number(process.env.POPUP_BENCH_RUNS ?? 9);

interface Marks { paint?: number; shown?: number; confirmed?: number }

async function stopWorker(wallet: WalletBrowser, page: Page) {
  const cdp = await wallet.context.newCDPSession(page);
  const scope = `chrome-extension://${wallet.extensionId}/`;
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v: { scriptURL: string; runningStatus: string }) => v.scriptURL.startsWith(scope) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

async function openOnce(wallet: WalletBrowser): Promise<Marks> {
  const page = await wallet.context.newPage();
  await page.goto(`chrome-extension://${wallet.extensionId}/popup.html`, { waitUntil: 'commit' });
  // The popup's own performance marks (stores/wallet.ts) and the browser's paint timing: times
  // from navigation start, taken inside the page (no driver round trips in them).
  // (a string, not a function: tsx would wrap a function's inner helpers in its own __name)
  const read = `(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return { paint: at('first-contentful-paint'), shown: at('wallet:did-shown'), confirmed: at('wallet:did-confirmed') };
  })()`;
  await page.waitForFunction(
    () => performance.getEntriesByName('wallet:did-confirmed').length > 0 && performance.getEntriesByName('first-contentful-paint').length > 0,
    undefined,
    { timeout: 30_000 },
  );
  const marks = (await page.evaluate(read)) as Marks;
  await page.close();
  // A DID put on the page before the first paint (the popup's parser-blocking shell script) is on
  // screen only from that paint: "shown" is when it is visible, never earlier than first paint.
  if (marks.shown !== undefined && marks.paint !== undefined) marks.shown = Math.max(marks.shown, marks.paint);
  return marks;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  ensureBuilt();
  const wallet = await launchWallet();
  try {
    const helper = await wallet.context.newPage(); // a page to hold the CDP session; not the popup
    await openOnce(wallet); // first open: the wallet makes its key; not measured
    const warm: Marks[] = [];
    const cold: Marks[] = [];
    for (let i = 0; i < RUNS; i++) {
      warm.push(await openOnce(wallet));
      await stopWorker(wallet, helper);
      cold.push(await openOnce(wallet));
    }
    const row = (label: string, runs: Marks[]) => {
      const pick = (k: keyof Marks) => median(runs.map((m) => m[k] ?? NaN));
      return { label, paint: pick('paint'), shown: pick('shown'), confirmed: pick('confirmed') };
    };
    const rows = [row('worker running', warm), row('worker stopped', cold)];
    // other processes on the machine move every figure: compare runs made at a similar load
    console.log(`popup open, median of ${RUNS} (ms from navigation start); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('case'.padEnd(16), 'first paint'.padStart(12), 'DID shown'.padStart(10), 'DID confirmed'.padStart(14));
    for (const r of rows) {
      console.log(r.label.padEnd(16), r.paint.toFixed(0).padStart(12), r.shown.toFixed(0).padStart(10), r.confirmed.toFixed(0).padStart(14));
    }
    const [w, c] = rows;
    console.log(`stopped / running, DID shown: ${(c.shown / w.shown).toFixed(2)}× (+${(c.shown - w.shown).toFixed(0)} ms); DID confirmed: ${(c.confirmed / w.confirmed).toFixed(2)}× (+${(c.confirmed - w.confirmed).toFixed(0)} ms)`);
    console.log(`goal DID shown ≤ 100 ms warm: ${w.shown <= 100 ? 'met' : 'NOT met'}; stopped worker adds ≤ 50 ms: ${c.shown - w.shown <= 50 ? 'met' : 'NOT met'}`);
    await helper.close();
  } finally {
    await wallet.close();
  }
}

main().catch((error) => {
  console.error(`popup-open bench failed: ${error?.name ?? 'Error'}: ${error?.message ?? error}`);
  process.exit(1);
});
