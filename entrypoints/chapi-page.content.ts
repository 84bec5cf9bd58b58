// Page world (MAIN), at document_start in every frame: navigator.credentials.get/store answer
// `web` requests through the wallet, everything else stays with the browser, and WebCredential
// exists. Runs before any page script, so it captures the browser's own functions first.
// The logic lives in utils/chapi/page (tested in Node); this file only starts it.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { installCredentialsApi } from '../utils/chapi/page/install-credentials-api';
import { createWalletChannel } from '../utils/chapi/page/wallet-channel';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  globalName: false,
  main() {
    installCredentialsApi({ win: window as never, channel: createWalletChannel({ win: window as never }) });
  },
});
