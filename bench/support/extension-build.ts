// Where the built extension lives (WALLET_OUT_DIR, as wxt.config.ts reads it) and a build when
// it is missing — so any bench runs on a fresh clone without a separate `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = resolve(ROOT, process.env.WALLET_OUT_DIR || '.output', 'chrome-mv3');

/** Builds the extension when `fresh` is asked for or no build is there yet; exits on a failed build. */
export function ensureBuilt({ fresh = false }: { fresh?: boolean } = {}): string {
  if (!fresh && existsSync(join(EXTENSION_DIR, 'manifest.json'))) return EXTENSION_DIR;
  console.log(`Building the extension into ${EXTENSION_DIR} (wxt build)…`);
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.error('wxt build failed (its output is above).');
    process.exit(1);
  }
  return EXTENSION_DIR;
}
