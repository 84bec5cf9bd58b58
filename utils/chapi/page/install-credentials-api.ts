// Puts the wallet behind navigator.credentials in the page world. `web` requests (get with
// options.web, store with a WebCredential) go to the wallet; every other credential type
// (publicKey, password, otp, identity, federated …) goes to the browser's own implementation,
// captured before any page script runs.
//
// Pages that load the CHAPI polyfill still reach the wallet. The polyfill assigns its own
// functions to navigator.credentials.get/store and publishes navigator.credentialsPolyfill and
// window.WebCredential. Here get/store are accessor properties on the container: reading them
// always yields the wallet's functions, and assignments are absorbed (the polyfill's functions
// would route `web` requests to a third-party mediator, and its non-web path calls what it found
// here anyway). navigator.credentialsPolyfill is hooked the same way, so code that calls
// navigator.credentialsPolyfill.credentials.get() also reaches the wallet. A polyfill
// WebCredential works too: store() recognises web credentials by shape, not by class.
import { isWebGetOptions, normalizeGetRequest } from '../normalize-get';
import { normalizeStoreRequest } from '../normalize-store';
import { isWebCredentialLike, WebCredential } from '../web-credential';
import type { WalletChannel } from './wallet-channel';

export interface CredentialsContainerLike {
  get(options?: unknown): Promise<unknown>;
  store(credential: unknown): Promise<unknown>;
}

export interface InstallWindow {
  navigator: { credentials?: CredentialsContainerLike; userActivation?: { readonly isActive: boolean } };
  isSecureContext?: boolean;
}

export interface InstallResult {
  installed: boolean;
  /** Why not, when not. */
  reason?: string;
}

export function installCredentialsApi({ win, channel }: { win: InstallWindow; channel: WalletChannel }): InstallResult {
  const nav = win.navigator as InstallWindow['navigator'] & Record<string, unknown>;
  const container = nav.credentials;
  if (!container) return { installed: false, reason: 'navigator.credentials is not available (not a secure context).' };
  if ((container as unknown as Record<symbol, unknown>)[INSTALLED]) return { installed: true };

  // The browser's own functions, from the prototype, before any page script can touch them.
  const proto = Object.getPrototypeOf(container) as CredentialsContainerLike;
  const nativeGet = proto.get;
  const nativeStore = proto.store;
  const hasActivation = activationReader(nav);
  const needGesture = (what: string) => {
    if (!hasActivation()) throw new DOMException(noGestureMessage(what), 'NotAllowedError');
  };

  const get = async function get(options?: unknown): Promise<unknown> {
    if (!isWebGetOptions(options)) return nativeGet.call(container, options);
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
  };

  const store = async function store(credential?: unknown): Promise<unknown> {
    if (!isWebCredentialLike(credential)) return nativeStore.call(container, credential);
    const request = normalizeStoreRequest({ credential });
    needGesture('navigator.credentials.store()');
    const payload = { type: 'web', dataType: request.dataType, data: request.presentation,
      options: { recommendedHandlerOrigins: request.recommendedHandlerOrigins } };
    const result = await channel.request({ op: 'store', payload });
    return result === null ? null : new WebCredential(result.dataType, result.data);
  };

  hookContainer({ target: container, get, store });
  Object.defineProperty(container, INSTALLED, { value: true });

  // navigator.credentialsPolyfill: keep whatever the polyfill publishes, with our get/store.
  let polyfill: unknown = nav.credentialsPolyfill;
  Object.defineProperty(nav, 'credentialsPolyfill', {
    configurable: true,
    enumerable: true,
    get: () => polyfill,
    set: (value: unknown) => {
      polyfill = value;
      const credentials = (value as { credentials?: unknown } | null)?.credentials;
      if (credentials && typeof credentials === 'object') hookContainer({ target: credentials, get, store });
    },
  });

  Object.defineProperty(win, 'WebCredential', { value: WebCredential, writable: true, configurable: true, enumerable: false });
  return { installed: true };
}

/**
 * Reads navigator.userActivation.isActive through the getter captured now (document_start),
 * so a page script that later redefines the property cannot make it say yes. The page could
 * still skip this script and post to the bridge directly: the bridge checks again in the
 * isolated world, where the page cannot reach (utils/chapi/bridge/relay.ts). Here the check
 * only gives an honest page its error without a round trip. Where the browser has no
 * userActivation at all, the bridge decides.
 */
export function activationReader(nav: object): () => boolean {
  const activation = (nav as { userActivation?: object }).userActivation;
  if (!activation) return () => true;
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(activation) as object, 'isActive')?.get
    ?? Object.getOwnPropertyDescriptor(activation, 'isActive')?.get;
  if (!getter) return () => (activation as { isActive?: unknown }).isActive === true;
  return () => getter.call(activation) === true;
}

/** Said when a page calls get()/store() without the user having just clicked or typed. */
export function noGestureMessage(what: string): string {
  return `${what} needs a user action: call it from a click or key press handler (transient user activation), ` +
    'so a page cannot open wallet windows on its own.';
}

const INSTALLED = Symbol.for('vcalm-wallet.chapi.installed');

function hookContainer({ target, get, store }: {
  target: object;
  get: (options?: unknown) => Promise<unknown>;
  store: (credential?: unknown) => Promise<unknown>;
}) {
  for (const [name, fn] of [['get', get], ['store', store]] as const) {
    try {
      Object.defineProperty(target, name, {
        configurable: false,
        enumerable: true,
        get: () => fn,
        // Assignments (the CHAPI polyfill's) are absorbed: the wallet keeps answering.
        set: () => undefined,
      });
    } catch {
      // Already non-configurable on this object: leave it.
    }
  }
}

function abortSignalOf(options: unknown): AbortSignal | undefined {
  const signal = (options as { signal?: unknown }).signal;
  return signal && typeof signal === 'object' && 'aborted' in signal ? (signal as AbortSignal) : undefined;
}
