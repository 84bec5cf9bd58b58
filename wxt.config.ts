import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

// The scripts that run on every page must stay ≤ 4 KB together (issue 11, finding 10). WXT wraps
// an unlisted script in ~0.6 KB of logging and error plumbing; these two are rebundled bare after
// the build (esbuild, which Vite already brings): same source, same file name, only main() run.
// The popup's parser-blocking first script (entrypoints/popup-shell.ts) is rebundled the same way:
// every byte of it is on the way to the popup's first paint.
const BARE_SCRIPTS = ['chapi-bridge-stub', 'chapi-page-stub', 'popup-shell'];

// The popup's stylesheets (2 KB) go into popup.html itself: a <link> in the head blocks the first
// paint until the file is fetched, which in the new renderer process Chromium starts after it
// stopped an idle worker costs tens of ms (bench/popup-open.bench.ts). The files stay beside it.
async function inlinePopupStylesheets(outDir: string) {
  const file = join(outDir, 'popup.html');
  const html = await readFile(file, 'utf8');
  const links = [...html.matchAll(/<link rel="stylesheet"(?: crossorigin)? href="\/([\w./-]+\.css)">/g)];
  if (links.length === 0) throw new Error('popup.html: no stylesheet links to inline (did the build change its output?)');
  let inlined = html;
  for (const [tag, path] of links) {
    const css = await readFile(join(outDir, path), 'utf8');
    inlined = inlined.replace(tag, `<style>${css.replaceAll('</', '<\\/')}</style>`);
  }
  await writeFile(file, inlined);
}

// The background is built with utils/wallet/openid-libs.ts in place of the OpenID standards
// libraries' getters (utils/openid-libs: dcql, presentation-exchange, openid4vp): the libraries
// (~600 KB: pkijs, zod, dcql) become a script the worker loads on first use instead of part of
// background.js, which every worker start parses and runs before it answers the popup
// (bench/popup-open.bench.ts). Other builds (pages, Node) keep them bundled.
function backgroundOpenidLibs(root: string): Plugin {
  const shared = ['dcql', 'presentation-exchange', 'openid4vp'].map((name) => join(root, `utils/openid-libs/${name}.ts`));
  const loader = join(root, 'utils/wallet/openid-libs.ts');
  const swapped = new Set<string>();
  return {
    name: 'wallet:background-openid-libs',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !shared.includes(resolved.id)) return null;
      swapped.add(resolved.id);
      return loader;
    },
    buildEnd(error) {
      // a renamed file would silently put a library back into background.js
      const missed = shared.filter((file) => !swapped.has(file));
      if (!error && missed.length) this.error(`never imported by the background, so not swapped for the loader: ${missed.join(', ')}`);
    },
  };
}

// The extension: an MV3 credential wallet. Host permission <all_urls> is needed to scan
// pages, fetch cross-origin QR images and capture the visible tab. `identity`: the sign-in window
// (launchWebAuthFlow) of OpenID4VCI issuers that offer only the authorization-code grant.
// `webRequest` (observe only, no blocking): the worker reads the Location of its own redirects,
// which fetch's 'manual' mode hides, so each hop is checked before it is followed
// (utils/wallet/redirect-fetch.ts). No new install warning: <all_urls> already covers it.
export default defineConfig({
  modules: ['@wxt-dev/module-vue'],
  // utils/ also runs in Node (servers, CLI, tests): every file imports what it uses, explicitly.
  imports: false,
  // WALLET_OUT_DIR lets parallel builds (e.g. several developers' e2e runs) use separate outputs.
  ...(process.env.WALLET_OUT_DIR ? { outDir: process.env.WALLET_OUT_DIR } : {}),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((e) => e.type === 'background')) config.plugins = [...(config.plugins ?? []), backgroundOpenidLibs(config.root ?? process.cwd())];
    },
    'build:done': async (wxt) => {
      for (const name of BARE_SCRIPTS) {
        await build({
          stdin: { contents: `import s from './entrypoints/${name}.ts'; s.main();`, resolveDir: wxt.config.root, loader: 'ts' },
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'chrome120',
          legalComments: 'none',
          outfile: join(wxt.config.outDir, `${name}.js`),
          allowOverwrite: true,
          // the bare wrappers: `chrome` itself and { main } (WXT's versions pick a browser and log)
          alias: {
            'wxt/browser': './utils/chapi/bare/browser.ts',
            'wxt/utils/define-unlisted-script': './utils/chapi/bare/define-unlisted-script.ts',
          },
        });
      }
      await inlinePopupStylesheets(wxt.config.outDir);
    },
  },
  manifest: {
    name: 'VCALM Wallet',
    description: 'A credential wallet that speaks VCALM: finds interaction URLs, runs exchanges, keeps credentials.',
    permissions: ['storage', 'tabs', 'activeTab', 'contextMenus', 'scripting', 'identity', 'webRequest'],
    host_permissions: ['<all_urls>'],
  },
});
