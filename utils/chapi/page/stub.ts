// The every-page part of the page-world script: small, because it runs on every page (issue 11,
// finding 10). At document_start it captures the browser's own get/store and makes
// navigator.credentials.get/store accessor properties (see install-credentials-api.ts for why);
// non-web calls go straight to the browser. The first `web` call — only with a user action —
// loads the rest (argument checks, the wallet channel) through `load`, once per page.
import { WebCredential, isWebCredentialLike } from '../web-credential';

export interface CredentialsContainerLike {
  get(options?: unknown): Promise<unknown>;
  store(credential: unknown): Promise<unknown>;
}

export interface StubWindow {
  navigator: { credentials?: CredentialsContainerLike; userActivation?: { readonly isActive: boolean } };
}

export interface WebHandlers {
  get(options: object): Promise<unknown>;
  store(credential: object): Promise<unknown>;
}

export interface InstallResult {
  installed: boolean;
  /** Why not, when not. */
  reason?: string;
}

const INSTALLED = Symbol.for('vcalm-wallet.chapi.installed');

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
  return `${what} needs a user action (call it from a click or key handler).`;
}

export function installStub({ win, load }: { win: StubWindow; load: () => Promise<WebHandlers> }): InstallResult {
  const nav = win.navigator as StubWindow['navigator'] & Record<string, unknown>;
  const container = nav.credentials;
  if (!container) return { installed: false, reason: 'not a secure context' };
  if ((container as unknown as Record<symbol, unknown>)[INSTALLED]) return { installed: true };

  // The browser's own functions, from the prototype, before any page script can touch them.
  const proto = Object.getPrototypeOf(container) as CredentialsContainerLike;
  const nativeGet = proto.get;
  const nativeStore = proto.store;
  const hasActivation = activationReader(nav);
  let handlers: Promise<WebHandlers> | undefined;
  const withHandlers = (what: string) => {
    if (!hasActivation()) return Promise.reject(new DOMException(noGestureMessage(what), 'NotAllowedError'));
    handlers ??= load().catch((error: unknown) => {
      handlers = undefined; // a later call may try again (e.g. after the wallet restarted)
      throw error;
    });
    return handlers;
  };

  const get = function get(options?: unknown): Promise<unknown> {
    if (!options || typeof options !== 'object' || (options as { web?: unknown }).web === undefined) {
      return nativeGet.call(container, options);
    }
    return withHandlers('navigator.credentials.get()').then((h) => h.get(options));
  };
  const store = function store(credential?: unknown): Promise<unknown> {
    if (!isWebCredentialLike(credential)) return nativeStore.call(container, credential);
    return withHandlers('navigator.credentials.store()').then((h) => h.store(credential));
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
