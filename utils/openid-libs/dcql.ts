// dcql (with valibot), behind a getter: bundled here for Node and the pages; the background build
// puts utils/wallet/openid-libs.ts in place of this file, which loads it on first use (see there).
// One file per library, as a bundle keeps a module it imports (zod's schemas are built at load).
import { DcqlQuery } from 'dcql';
import type { OpenidLibs } from './script';

export function dcqlLib(): OpenidLibs['DcqlQuery'] {
  return DcqlQuery;
}
