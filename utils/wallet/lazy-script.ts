// A script of the extension (an unlisted entrypoint that sets one global) that the background
// worker loads only when it is first needed, so a worker start does not parse it: the QR decoder
// (scan/qr-decoder.ts) and the OpenID standards libraries (openid-libs.ts).
// importScripts, not import(): a service worker may not import() (HTML spec), and once installed
// Chromium lets it importScripts only the scripts it imported while installing, hence the install
// listener (the extension's classic worker; a module worker would have neither). importScripts is
// synchronous, so callers of `load` stay synchronous.
import { namedError } from '../messaging/errors';

/** What of the worker's global scope the loader uses (tests pass a stand-in). */
export interface WorkerScope {
  importScripts(...urls: string[]): void;
  addEventListener(type: 'install', listener: () => void): void;
}

type ScopeWith<G extends string, T> = WorkerScope & { [K in G]?: T };

export interface LazyScript<G extends string, T> {
  /** Call once, synchronously at the worker's start (a later install listener would miss the event). */
  importOnInstall(options?: { scope?: ScopeWith<G, T> }): void;
  /** The script's global, importing the script on the first call in this worker. */
  load(options?: { scope?: ScopeWith<G, T> }): T;
}

/** `what`: the script in the wallet's words, for the OperationError when it cannot be loaded. */
export function lazyScript<G extends string, T>({ script, global, what }: { script: string; global: G; what: string }): LazyScript<G, T> {
  const workerScope = () => globalThis as unknown as ScopeWith<G, T>;
  return {
    importOnInstall({ scope = workerScope() } = {}) {
      scope.addEventListener('install', () => scope.importScripts(script));
    },
    load({ scope = workerScope() } = {}) {
      if (!scope[global]) {
        try {
          scope.importScripts(script);
        } catch (cause) {
          throw namedError({ name: 'OperationError', message: `The wallet's ${what} (${script}) could not be loaded.`, cause });
        }
      }
      const loaded = scope[global];
      if (!loaded) throw namedError({ name: 'OperationError', message: `${script} loaded but did not provide the ${what}.` });
      return loaded as T;
    },
  };
}
