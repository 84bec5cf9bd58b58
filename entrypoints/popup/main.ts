// The popup's module script: small on purpose (no Vue, no Pinia, no components). popup-shell.ts
// (a classic script, run while the page is parsed) has painted the DID the popup last saw, if any;
// this starts the read of the background's copy in storage.local, paints that over it, then loads
// the app, which replaces the static header of index.html with its own when it mounts. So the
// title and DID are on screen without waiting for the app's code to load and compile (a new
// renderer process compiles it from scratch after Chromium stopped the idle worker), and without
// the background.
import '../../components/wallet.css';
import './popup.css';
import { startCachedWalletInfoRead } from '../../stores/wallet-cache';
import { paintShellDid } from './shell-did';

startCachedWalletInfoRead().then(
  // Once the app has mounted, its header shows the DID (the store takes this same read over). No
  // copy in storage.local (no wallet yet) hides an older one popup-shell.ts may have painted.
  paintShellDid,
  // Not swallowed: the wallet store awaits this same read and logs why it failed.
  () => {},
);

import('./app')
  .then(({ mountPopup }) => mountPopup('#app'))
  .catch((error: unknown) => console.error('[popup] the app did not load', error));
