// Page-load cost of the extension: the same pages loaded in headless Chromium without and with
// the built wallet, side by side in one run (median of N loads each), as a ratio; and the size of
// what runs on every page (content scripts matching all http(s) pages, plus scripts the
// background registers for every page). Goal: every-page scripts ≤ 4 KB. Uses the existing
// build in .output (or WALLET_OUT_DIR); run `npx wxt build` first.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';

const out = resolve(import.meta.dirname, '..', process.env.WALLET_OUT_DIR ?? '.output', 'chrome-mv3');
if (!existsSync(join(out, 'manifest.json'))) {
  console.error(`No build at ${out}: run npx wxt build first.`);
  process.exit(1);
}
const LOADS = Number(process.env.PAGE_LOADS ?? 15);

function largePage(): string {
  const parts: string[] = [];
  for (let i = 0; i < 1150; i++) {
    parts.push(`<article id="a${i}"><h2>Item ${i}</h2><p>Soft leather, ${i} reviews <a href="/p/${i}">details</a></p><span>€${i}</span></article>`);
  }
  return `<!doctype html><meta charset="utf-8"><title>large</title><main>${parts.join('')}</main>`;
}
const PAGES: Record<string, string> = {
  '/plain': '<!doctype html><meta charset="utf-8"><title>plain</title><h1>A plain page</h1><p>Nothing here.</p>',
  '/large': largePage(),
};

const server = createServer((req, res) => {
  const body = PAGES[new URL(req.url ?? '/', 'http://x').pathname] ?? '';
  res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function launch(withExtension: boolean): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'page-load-bench-'));
  const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (withExtension) args.push(`--disable-extensions-except=${out}`, `--load-extension=${out}`);
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: false, args });
  if (withExtension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  return { context, profile };
}

/** Median load time (navigation start → load event end) of `path` over LOADS fresh loads. */
async function measure(context: BrowserContext, path: string): Promise<number> {
  const page = await context.newPage();
  const times: number[] = [];
  await page.goto(`${origin}${path}`); // warm-up
  for (let i = 0; i < LOADS; i++) {
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    times.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return nav.loadEventEnd - nav.startTime;
    }));
  }
  await page.close();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const results: Record<string, { without: number; with: number }> = {};
for (const withExtension of [false, true]) {
  const { context, profile } = await launch(withExtension);
  try {
    for (const path of Object.keys(PAGES)) {
      results[path] ??= { without: 0, with: 0 };
      results[path][withExtension ? 'with' : 'without'] = await measure(context, path);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
server.close();

console.log(`page load (median of ${LOADS}, navigation start → load end)`);
console.log('page'.padEnd(28), 'without ms'.padStart(11), 'with ms'.padStart(9), 'ratio'.padStart(7));
for (const [path, r] of Object.entries(results)) {
  const label = path === '/large' ? '10,000-node page' : 'plain page';
  console.log(label.padEnd(28), r.without.toFixed(1).padStart(11), r.with.toFixed(1).padStart(9), (r.with / r.without).toFixed(2).padStart(7));
}

// What runs on every page: manifest content scripts for all http(s) pages, and registered ones.
const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const background = readFileSync(join(out, 'background.js'), 'utf8');
const everyPage = new Set<string>();
for (const c of manifest.content_scripts ?? []) {
  const all = (c.matches ?? []).some((m: string) => m === '<all_urls>' || /^(\*|https?):\/\/\*\/\*$/.test(m));
  if (all) for (const js of c.js ?? []) everyPage.add(js);
}
for (const name of ['chapi-bridge-stub.js', 'chapi-page-stub.js']) if (existsSync(join(out, name)) && background.includes(name)) everyPage.add(name);
let total = 0;
console.log('\nscripts on every page'.padEnd(49), 'KB'.padStart(9), 'gzip KB'.padStart(9));
for (const js of everyPage) {
  const buf = readFileSync(join(out, js));
  total += buf.length;
  console.log(js.padEnd(48), (buf.length / 1024).toFixed(1).padStart(9), (gzipSync(buf).length / 1024).toFixed(1).padStart(9));
}
console.log(`every-page scripts: ${(total / 1024).toFixed(1)} KB (goal ≤ 4 KB: ${total <= 4096 ? 'met' : 'NOT met'})`);
