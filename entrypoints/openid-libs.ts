// The OpenID standards libraries (utils/openid-libs) as a script of their own: the background
// loads it with importScripts on first use (utils/wallet/openid-libs.ts), so a worker start does
// not parse it. Defines one global and does nothing else.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { OPENID_LIBS } from '../utils/openid-libs/libs';
import { OPENID_LIBS_GLOBAL, type OpenidLibsScope } from '../utils/openid-libs/script';

export default defineUnlistedScript(() => {
  (globalThis as unknown as OpenidLibsScope)[OPENID_LIBS_GLOBAL] = OPENID_LIBS;
});
