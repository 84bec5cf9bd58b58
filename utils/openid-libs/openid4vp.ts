// @openid4vc/openid4vp's authorization request checks (with zod), behind a getter: bundled here
// for Node and the pages; the background build puts utils/wallet/openid-libs.ts in place of this
// file, which loads it on first use (see there).
import { validateOpenid4vpAuthorizationRequestPayload } from '@openid4vc/openid4vp';
import type { OpenidLibs } from './script';

export function validateAuthorizationRequestLib(): OpenidLibs['validateAuthorizationRequest'] {
  return validateOpenid4vpAuthorizationRequestPayload;
}
