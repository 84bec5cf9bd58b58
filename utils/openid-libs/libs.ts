// All of the libraries, for the script of their own (entrypoints/openid-libs.ts): the same getters
// Node and the pages call (dcql.ts, presentation-exchange.ts, openid4vp.ts), in the global's shape.
import { dcqlLib } from './dcql';
import { toVprLib } from './presentation-exchange';
import { validateAuthorizationRequestLib } from './openid4vp';
import type { OpenidLibs } from './script';

export const OPENID_LIBS: OpenidLibs = {
  toVpr: toVprLib(),
  DcqlQuery: dcqlLib(),
  validateAuthorizationRequest: validateAuthorizationRequestLib(),
};
