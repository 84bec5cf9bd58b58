// What every message declares besides its types: who may send it and how its data is checked.
// A feature's protocol interface and its spec table live side by side in one file
// (exchange.ts, credentials.ts, …); the compiler insists that every message has a spec.
import type { Parser } from './validate';

/**
 * `extension`: only the wallet's own pages (popup, approval window, inspector) may send it.
 * `content`: content scripts may send it too — their data is untrusted and the page origin
 * comes from `sender.tab.url`, never from the data.
 */
export type Access = 'extension' | 'content';

export interface MessageSpec<Data> {
  access: Access;
  parse: Parser<Data>;
}

export type Specs<Protocol> = {
  [K in keyof Protocol]: Protocol[K] extends (data: infer D) => unknown ? MessageSpec<D> : never;
};
