// Sizes of the built extension's scripts (raw and gzip), from a fresh `wxt build` (into
// WALLET_OUT_DIR when set). Goal: the page scanner (injected into every page) ≤ 10 KB.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuilt } from './support/extension-build';
import { QR_DECODER_SCRIPT } from '../utils/qr/decoder-script';
import { OPENID_LIBS_SCRIPT } from '../utils/openid-libs/script';

const out = ensureBuilt({ fresh: true });

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const background = readFileSync(join(out, 'background.js'), 'utf8');
const contentScripts: string[] = (manifest.content_scripts ?? []).flatMap((c: { js?: string[] }) => c.js ?? []);
// Scripts the background registers at run time (scripting.registerContentScripts) are content
// scripts too: a top-level .js file whose name the background mentions.
// Scripts the background loads itself on first use (importScripts) are the worker's, not a page's.
const workerScripts = [QR_DECODER_SCRIPT, OPENID_LIBS_SCRIPT].map((s) => s.replace(/^\//, ''));
const isRegistered = (rel: string) => !rel.includes('/') && rel !== 'background.js' && background.includes(rel);
const rows = walk(out)
  .filter((p) => p.endsWith('.js'))
  .map((p) => {
    const rel = p.slice(out.length + 1);
    const buf = readFileSync(p);
    const role = rel === 'background.js' ? 'background' : workerScripts.includes(rel) ? 'background, lazy' : contentScripts.includes(rel) || isRegistered(rel) ? 'content script' : 'page/chunk';
    return { file: rel, role, kb: buf.length / 1024, gzipKb: gzipSync(buf).length / 1024 };
  })
  .sort((a, b) => a.role.localeCompare(b.role) || b.kb - a.kb);

console.log('file'.padEnd(48), 'role'.padEnd(16), 'KB'.padStart(9), 'gzip KB'.padStart(9));
for (const r of rows) {
  console.log(r.file.padEnd(48), r.role.padEnd(16), r.kb.toFixed(1).padStart(9), r.gzipKb.toFixed(1).padStart(9));
}
// The page scanner runs on every page the user opens: its goal is ≤ 10 KB.
for (const r of rows.filter((x) => x.file === 'page-scanner.js')) {
  console.log(`page scanner ${r.file}: ${r.kb.toFixed(1)} KB (goal ≤ 10 KB: ${r.kb <= 10 ? 'met' : 'NOT met'})`);
}
