// The popup's first, synchronous script (a classic <script> right after the shell's header in
// popup/index.html, so the parser runs it before the rest of the page): paints the DID the popup
// last saw (stores/first-paint-copy.ts) into that header, with no wait for storage or the worker.
// The module script (popup/main.ts) then checks it against storage.local's copy and the app
// against the background. Bundled bare after the build (wxt.config.ts): about 1 KB.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readFirstPaintCopy } from '../stores/first-paint-copy';
import { paintShellDid } from './popup/shell-did';

export default defineUnlistedScript(() => {
  // no copy: the header stays as index.html has it (the DID hidden) until main.ts reads storage.local
  const info = readFirstPaintCopy();
  if (info) paintShellDid(info);
});
