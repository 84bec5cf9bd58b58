// The background's getters of the OpenID libraries: the extension's background is built with this
// file in place of utils/openid-libs/{dcql,presentation-exchange,openid4vp}.ts (wxt.config.ts), so the OpenID standards libraries — pkijs (through
// @digitalbazaar/oid4-client), zod (through @openid4vc/openid4vp), dcql and valibot: about 600 KB
// — are not part of background.js. A worker start (every popup open after Chromium stopped the idle
// worker) parses and runs none of them; they are a script of their own (entrypoints/openid-libs.ts)
// loaded on the first call: reading a DCQL query or a presentation definition, or checking an
// OpenID4VP request. That first call after each worker start pays their evaluation, once
// (tens of ms); every later call in the same worker finds the global.
// importScripts, as for the QR decoder (utils/wallet/scan/qr-decoder.ts): synchronous, so the
// callers stay synchronous; a service worker may not import(), and once installed Chromium lets it
// importScripts only what it imported while installing, hence openidLibsOnInstall().
import { namedError } from '../messaging/errors';
import { OPENID_LIBS_GLOBAL, OPENID_LIBS_SCRIPT, type OpenidLibs, type OpenidLibsScope } from '../openid-libs/script';

export type { OpenidLibs } from '../openid-libs/script';

const workerScope = () => globalThis as unknown as OpenidLibsScope;

/** Call once, synchronously at the worker's start (a later install listener would miss the event). */
export function openidLibsOnInstall({ scope = workerScope() }: { scope?: OpenidLibsScope } = {}): void {
  scope.addEventListener('install', () => scope.importScripts(OPENID_LIBS_SCRIPT));
}

/** The libraries, loading their script on the first call in this worker. */
function openidLibs({ scope = workerScope() }: { scope?: OpenidLibsScope } = {}): OpenidLibs {
  if (!scope[OPENID_LIBS_GLOBAL]) {
    try {
      scope.importScripts(OPENID_LIBS_SCRIPT);
    } catch (cause) {
      throw namedError({ name: 'OperationError', message: `The wallet's OpenID libraries (${OPENID_LIBS_SCRIPT}) could not be loaded.`, cause });
    }
  }
  const loaded = scope[OPENID_LIBS_GLOBAL];
  if (!loaded) throw namedError({ name: 'OperationError', message: `${OPENID_LIBS_SCRIPT} loaded but did not provide the OpenID libraries.` });
  return loaded;
}

// The getters of utils/openid-libs/{dcql,presentation-exchange,openid4vp}.ts, which this file replaces in the background build.
// `scope`: tests only (a stand-in for the worker's global scope).
type Options = { scope?: OpenidLibsScope };
export const dcqlLib = (options: Options = {}): OpenidLibs['DcqlQuery'] => openidLibs(options).DcqlQuery;
export const toVprLib = (options: Options = {}): OpenidLibs['toVpr'] => openidLibs(options).toVpr;
export const validateAuthorizationRequestLib = (options: Options = {}): OpenidLibs['validateAuthorizationRequest'] =>
  openidLibs(options).validateAuthorizationRequest;
