// The popup's first script: small on purpose (no Vue, no Pinia, no components). It starts the
// read of the cached DID and paints it into the static header of index.html, then loads the app,
// which replaces that header with its own when it mounts. So the title and DID are on screen
// without waiting for the app's code to load and compile (a new renderer process compiles it
// from scratch after Chromium stopped the idle worker), and without the background.
import '../../components/wallet.css';
import './popup.css';
import { DID_SHOWN_MARK, markOnce, startCachedWalletInfoRead } from '../../stores/wallet-cache';

const shellDid = document.querySelector<HTMLElement>('[data-shell-did]');
startCachedWalletInfoRead().then(
  (info) => {
    // Once the app has mounted, its header shows the DID (the store takes this same read over).
    if (!info || !shellDid?.isConnected) return;
    shellDid.textContent = info.did;
    shellDid.title = info.did;
    shellDid.hidden = false;
    markOnce(DID_SHOWN_MARK);
  },
  // Not swallowed: the wallet store awaits this same read and logs why it failed.
  () => {},
);

import('./app')
  .then(({ mountPopup }) => mountPopup('#app'))
  .catch((error: unknown) => console.error('[popup] the app did not load', error));
