// Composition root: build the dependencies, register the feature services, resume what was
// running. Everything else lives in utils/wallet (testable without a browser).
import { defineBackground } from 'wxt/utils/define-background';
import { openWalletDb } from '../utils/db';
import { createEventHub } from '../utils/messaging/events';
import { createApprovalOwners, type WalletContext } from '../utils/wallet/context';
import { createBrowserApprovalWindows } from '../utils/wallet/approval-windows';
import { createExchangeRunner } from '../utils/wallet/exchange-runner';
import { createKeyedLock } from '../utils/wallet/lock';
import { createHolderKeysLoader, createWalletKeyLoader } from '../utils/wallet/keys';
import { registerApprovalService } from '../utils/wallet/approval-service';
import { registerCredentialService } from '../utils/wallet/credential-service';
import { registerExchangeService } from '../utils/wallet/exchange-service';
import { registerWalletService } from '../utils/wallet/wallet-service';
import { registerChapiService } from '../utils/wallet/chapi/register-chapi-service';
import { registerScanService } from '../utils/wallet/scan/register-scan-service';
import { createQrDecoderLoader } from '../utils/wallet/scan/qr-decoder';
import { openidLibsOnInstall } from '../utils/wallet/openid-libs';
import { registerInspectorService } from '../utils/wallet/inspector-service';
import { registerBackupService } from '../utils/wallet/backup/backup-service';
import { webAuthServices } from '../utils/wallet/web-auth';
import { browser } from 'wxt/browser';
import { createSettings, registerSettingsService } from '../utils/wallet/settings';
import { createRedirectObservingFetch } from '../utils/wallet/redirect-fetch';

export default defineBackground(() => {
  const db = openWalletDb();
  const settings = createSettings({ area: browser.storage.local as never });
  const key = createWalletKeyLoader({ db });
  // Redirects followed one checked hop at a time: webRequest (registered now, synchronously)
  // tells the worker the Location its own 'manual' fetch may not read.
  const fetch = createRedirectObservingFetch({
    onHeadersReceived: browser.webRequest.onHeadersReceived as never,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
  });
  const ctx: WalletContext = {
    db,
    key,
    // the primary Ed25519 key, and the P-256 key for requests and issuers that accept only ecdsa-rdfc-2019 / ES256
    holderKeys: createHolderKeysLoader({ db, primary: key }),
    events: createEventHub(),
    windows: createBrowserApprovalWindows(),
    lock: createKeyedLock(),
    approvalOwners: createApprovalOwners(),
    // OpenID4VCI issuers that offer only the authorization-code grant: their sign-in in a launchWebAuthFlow window
    engineServices: webAuthServices,
    settings,
    fetch,
  };
  const runner = createExchangeRunner(ctx);

  // Listeners are registered synchronously, so any event can wake the worker.
  registerWalletService({ ctx });
  registerExchangeService({ ctx, runner });
  registerApprovalService({ ctx, runner });
  registerCredentialService({ ctx });
  registerChapiService({ ctx, runner });
  registerInspectorService({ ctx });
  // The QR decoder (jsQR) is not part of this script: loaded when an image is first decoded.
  const decodeImage = createQrDecoderLoader();
  registerScanService({ startExchange: (data) => runner.start(data), events: ctx.events, fetch, decodeImage });
  // The OpenID libraries (pkijs, zod, dcql) are not part of this script either: loaded on first use
  // (utils/wallet/openid-libs.ts, swapped in for utils/openid-libs by wxt.config.ts).
  openidLibsOnInstall();
  registerBackupService({ ctx });
  registerSettingsService({ settings });

  // Every start resumes exchanges that were mid-flight (the wallet service makes the DID on first run).
  void runner.resumeAll().catch((error) => console.error('[wallet] resume', error));
});
