// The WebCredential a page builds for store() and receives from get(), as CHAPI defines it:
// `new WebCredential(dataType, data, {recommendedHandlerOrigins, protocols})`. Its constructor
// takes positional arguments because pages written for the CHAPI polyfill call it that way.

export interface WebCredentialOptions {
  recommendedHandlerOrigins?: string[];
  protocols?: Record<string, string>;
}

/** What get() resolves with and store() accepts, whichever class built it (ours or the polyfill's). */
export interface WebCredentialLike {
  type: 'web';
  dataType: string;
  data: unknown;
  options?: WebCredentialOptions;
}

export class WebCredential implements WebCredentialLike {
  readonly type = 'web' as const;
  readonly dataType: string;
  readonly data: unknown;
  readonly options: WebCredentialOptions;

  // Runs on every page (the page-world stub defines the class): only the checks a page needs at
  // once. Its options are checked where they are used (normalize-store.ts, in the page and again
  // in the background).
  constructor(dataType: string, data: unknown, options: WebCredentialOptions = {}) {
    if (typeof dataType !== 'string' || dataType.length === 0) {
      throw new TypeError('"dataType" must be a non-empty string such as "VerifiablePresentation".');
    }
    if (options === null || typeof options !== 'object') throw new TypeError('"options" must be an object.');
    this.dataType = dataType;
    this.data = data;
    this.options = { ...options };
  }
}

/** Is this a `web` credential (by shape, so the polyfill's instances count too)? */
export function isWebCredentialLike(value: unknown): value is WebCredentialLike {
  return isPlainObjectLike(value) && (value as { type?: unknown }).type === 'web';
}

function isPlainObjectLike(value: unknown): value is object {
  return !!value && typeof value === 'object';
}
