// @digitalbazaar/oid4-client's Presentation Exchange → QueryByExample conversion (it pulls in
// pkijs), behind a getter: bundled here for Node and the pages; the background build puts
// utils/wallet/openid-libs.ts in place of this file, which loads it on first use (see there).
import { oid4vp } from '@digitalbazaar/oid4-client';
import type { OpenidLibs } from './script';

export function toVprLib(): OpenidLibs['toVpr'] {
  return (options) => oid4vp.toVpr(options);
}
