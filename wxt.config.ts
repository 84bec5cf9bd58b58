import { defineConfig } from 'wxt';

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
  manifest: {
    name: 'VCALM Wallet',
    description: 'A credential wallet that speaks VCALM: finds interaction URLs, runs exchanges, keeps credentials.',
    permissions: ['storage', 'tabs', 'activeTab', 'contextMenus', 'scripting', 'identity', 'webRequest'],
    host_permissions: ['<all_urls>'],
  },
});
