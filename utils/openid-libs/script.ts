// The OpenID standards libraries as a script of their own (entrypoints/openid-libs.ts →
// /openid-libs.js): what the script, the background's loader (utils/wallet/openid-libs.ts) and the
// callers (utils/query, utils/oid4vp) agree on. Types only: importing this file loads no library.
import type { oid4vp } from '@digitalbazaar/oid4-client';
import type { DcqlQuery } from 'dcql';
import type { validateOpenid4vpAuthorizationRequestPayload } from '@openid4vc/openid4vp';

/**
 * The seam: the few library entry points the wallet calls. All synchronous and pure (no fetch, no
 * keys, no document loader): the libraries read and check request JSON; the wallet's own code
 * (utils/crypto, utils/vcalm, jsonld …) stays in the background and is not handed to them.
 */
export interface OpenidLibs {
  /** @digitalbazaar/oid4-client: a Presentation Exchange definition → QueryByExample (pulls in pkijs). */
  toVpr: typeof oid4vp.toVpr;
  /** dcql (with valibot): parse, validate and match DCQL queries. */
  DcqlQuery: Pick<typeof DcqlQuery, 'parse' | 'validate' | 'query'>;
  /** @openid4vc/openid4vp (with zod): the authorization request's parameter checks. */
  validateAuthorizationRequest: typeof validateOpenid4vpAuthorizationRequestPayload;
}

export const OPENID_LIBS_SCRIPT = '/openid-libs.js';
/** The global the script sets. */
export const OPENID_LIBS_GLOBAL = 'vcalmOpenidLibs';

export interface OpenidLibsScope {
  importScripts(...urls: string[]): void;
  addEventListener(type: 'install', listener: () => void): void;
  [OPENID_LIBS_GLOBAL]?: OpenidLibs;
}
