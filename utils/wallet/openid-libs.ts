// The background's getters of the OpenID libraries: the extension's background is built with this
// file in place of utils/openid-libs/{dcql,presentation-exchange,openid4vp}.ts (wxt.config.ts), so the OpenID standards libraries — pkijs (through
// @digitalbazaar/oid4-client), zod (through @openid4vc/openid4vp), dcql and valibot: about 600 KB
// — are not part of background.js. A worker start (every popup open after Chromium stopped the idle
// worker) parses and runs none of them; they are a script of their own (entrypoints/openid-libs.ts)
// loaded on the first call: reading a DCQL query or a presentation definition, or checking an
// OpenID4VP request. That first call after each worker start pays their evaluation, once
// (tens of ms); every later call in the same worker finds the global.
// Loaded as the QR decoder is (lazy-script.ts): importScripts is synchronous, so the callers stay
// synchronous.
import { lazyScript } from './lazy-script';
import { OPENID_LIBS_GLOBAL, OPENID_LIBS_SCRIPT, type OpenidLibs, type OpenidLibsScope } from '../openid-libs/script';

export type { OpenidLibs } from '../openid-libs/script';

const libs = lazyScript<typeof OPENID_LIBS_GLOBAL, OpenidLibs>({ script: OPENID_LIBS_SCRIPT, global: OPENID_LIBS_GLOBAL, what: 'OpenID libraries' });

/** Call once, synchronously at the worker's start (a later install listener would miss the event). */
export const openidLibsOnInstall = libs.importOnInstall;

// The getters of utils/openid-libs/{dcql,presentation-exchange,openid4vp}.ts, which this file replaces in the background build.
// `scope`: tests only (a stand-in for the worker's global scope).
type Options = { scope?: OpenidLibsScope };
export const dcqlLib = (options: Options = {}): OpenidLibs['DcqlQuery'] => libs.load(options).DcqlQuery;
export const toVprLib = (options: Options = {}): OpenidLibs['toVpr'] => libs.load(options).toVpr;
export const validateAuthorizationRequestLib = (options: Options = {}): OpenidLibs['validateAuthorizationRequest'] =>
  libs.load(options).validateAuthorizationRequest;
