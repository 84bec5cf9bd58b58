// The static header of popup/index.html shows the wallet's DID before the app mounts: painted by
// popup-shell.ts (the popup's own copy) and then by main.ts (storage.local's copy). No imports
// beyond the marks: popup-shell.ts is bundled bare.
import type { WalletInfo } from '../../utils/messaging/wallet';
import { DID_SHOWN_MARK, markOnce } from '../../stores/wallet-marks';

/** Shows `info`'s DID in the shell header (hides it when there is none); nothing once the app replaced the header. */
export function paintShellDid(info: WalletInfo | undefined): void {
  const shellDid = document.querySelector<HTMLElement>('[data-shell-did]');
  if (!shellDid) return;
  if (!info) {
    shellDid.hidden = true;
    return;
  }
  shellDid.textContent = info.did;
  shellDid.title = info.did;
  shellDid.hidden = false;
  markOnce(DID_SHOWN_MARK);
}
