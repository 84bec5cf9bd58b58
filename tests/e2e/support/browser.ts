import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// WALLET_OUT_DIR: the same variable wxt.config.ts reads, for a build kept apart from .output.
export const EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../../..',
  process.env.WALLET_OUT_DIR ?? '.output',
  'chrome-mv3',
);

export interface WalletBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * Headless Debian Chromium with the built extension loaded, in a throwaway profile.
 * `args`: extra Chromium switches (e.g. a fake camera fed from a .y4m file).
 * `profile`: a profile folder of the caller's (a browser restart: launch again with the same
 * one); close() then leaves it for the caller to remove.
 */
export async function launchWallet({ args = [], profile: given }: { args?: string[]; profile?: string } = {}): Promise<WalletBrowser> {
  const profile = given ?? (await mkdtemp(join(tmpdir(), 'wallet-e2e-')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false, // --headless=new is passed below; playwright's own flag would pick the old mode
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      if (!given) await rm(profile, { recursive: true, force: true });
    },
  };
}
