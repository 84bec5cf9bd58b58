// The popup's first, synchronous script (a classic <script> right after the shell's header in
// popup/index.html, so the parser runs it before the rest of the page): paints the DID the popup
// last saw (stores/first-paint-copy.ts) into that header, with no wait for storage or the worker.
// The module script (popup/main.ts) then checks it against storage.local's copy and the app
// against the background. Bundled bare after the build (wxt.config.ts): a few hundred bytes.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readFirstPaintCopy } from '../stores/first-paint-copy';
import { DID_SHOWN_MARK, markOnce } from '../stores/wallet-marks';

export default defineUnlistedScript(() => {
  const shellDid = document.querySelector<HTMLElement>('[data-shell-did]');
  const info = readFirstPaintCopy();
  if (!shellDid || !info) return;
  shellDid.textContent = info.did;
  shellDid.title = info.did;
  shellDid.hidden = false;
  markOnce(DID_SHOWN_MARK);
});
