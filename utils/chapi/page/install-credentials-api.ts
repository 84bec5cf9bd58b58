// Puts the wallet behind navigator.credentials in the page world. `web` requests (get with
// options.web, store with a WebCredential) go to the wallet; every other credential type
// (publicKey, password, otp, identity, federated …) goes to the browser's own implementation,
// captured before any page script runs.
//
// Two parts (issue 11, finding 10: what runs on every page stays small): stub.ts runs on every
// page and hooks navigator.credentials; createWebHandlers here — the argument checks and the
// wallet channel — is loaded into the page on the first `web` call (entrypoints/
// chapi-page-full.ts). installCredentialsApi puts both together at once (tests, and pages
// where the handlers are already loaded).
//
// Pages that load the CHAPI polyfill still reach the wallet. The polyfill assigns its own
// functions to navigator.credentials.get/store and publishes navigator.credentialsPolyfill and
// window.WebCredential. Here get/store are accessor properties on the container: reading them
// always yields the wallet's functions, and assignments are absorbed (the polyfill's functions
// would route `web` requests to a third-party mediator, and its non-web path calls what it found
// here anyway). navigator.credentialsPolyfill is hooked the same way, so code that calls
// navigator.credentialsPolyfill.credentials.get() also reaches the wallet. A polyfill
// WebCredential works too: store() recognises web credentials by shape, not by class.
import { normalizeGetRequest } from '../normalize-get';
import { normalizeStoreRequest } from '../normalize-store';
import { WebCredential } from '../web-credential';
import type { WalletChannel } from './wallet-channel';
import { activationReader, installStub, noGestureMessage, type InstallResult, type StubWindow, type WebHandlers } from './stub';

export { activationReader, noGestureMessage };
export type { CredentialsContainerLike, InstallResult } from './stub';

export type InstallWindow = StubWindow & { isSecureContext?: boolean };

/** The `web` side of get()/store(): check the arguments, ask the wallet, wrap its answer. */
export function createWebHandlers({ channel, hasActivation }: { channel: WalletChannel; hasActivation: () => boolean }): WebHandlers {
  const needGesture = (what: string) => {
    if (!hasActivation()) throw new DOMException(noGestureMessage(what), 'NotAllowedError');
  };
  return {
    async get(options) {
      const request = normalizeGetRequest({ web: (options as { web: unknown }).web });
      needGesture('navigator.credentials.get()');
      const signal = abortSignalOf(options);
      const payload = {
        VerifiablePresentation: request.presentationRequest,
        recommendedHandlerOrigins: request.recommendedHandlerOrigins,
        protocols: request.protocols,
      };
      const result = await channel.request({ op: 'get', payload, signal });
      return result === null ? null : new WebCredential(result.dataType, result.data);
    },
    async store(credential) {
      const request = normalizeStoreRequest({ credential });
      needGesture('navigator.credentials.store()');
      const payload = { type: 'web', dataType: request.dataType, data: request.presentation,
        options: { recommendedHandlerOrigins: request.recommendedHandlerOrigins } };
      const result = await channel.request({ op: 'store', payload });
      return result === null ? null : new WebCredential(result.dataType, result.data);
    },
  };
}

export function installCredentialsApi({ win, channel }: { win: InstallWindow; channel: WalletChannel }): InstallResult {
  const handlers = createWebHandlers({ channel, hasActivation: activationReader(win.navigator) });
  return installStub({ win, load: () => Promise.resolve(handlers) });
}

function abortSignalOf(options: unknown): AbortSignal | undefined {
  const signal = (options as { signal?: unknown }).signal;
  return signal && typeof signal === 'object' && 'aborted' in signal ? (signal as AbortSignal) : undefined;
}
