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

  constructor(dataType: string, data: unknown, options: WebCredentialOptions = {}) {
    if (typeof dataType !== 'string' || dataType.length === 0) {
      throw new TypeError('"dataType" must be a non-empty string such as "VerifiablePresentation".');
    }
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError('"options" must be an object.');
    }
    const { recommendedHandlerOrigins, protocols } = options;
    if (recommendedHandlerOrigins !== undefined &&
      (!Array.isArray(recommendedHandlerOrigins) || !recommendedHandlerOrigins.every((o) => typeof o === 'string'))) {
      throw new TypeError('"options.recommendedHandlerOrigins" must be an array of strings.');
    }
    if (protocols !== undefined &&
      (!protocols || typeof protocols !== 'object' || Array.isArray(protocols) || !Object.values(protocols).every((v) => typeof v === 'string'))) {
      throw new TypeError('"options.protocols" must be an object whose values are URL strings.');
    }
    this.dataType = dataType;
    this.data = data;
    this.options = {
      ...(recommendedHandlerOrigins ? { recommendedHandlerOrigins: [...recommendedHandlerOrigins] } : {}),
      ...(protocols ? { protocols: { ...protocols } } : {}),
    };
  }
}

/** Is this a `web` credential (by shape, so the polyfill's instances count too)? */
export function isWebCredentialLike(value: unknown): value is WebCredentialLike {
  return isPlainObjectLike(value) && (value as { type?: unknown }).type === 'web';
}

function isPlainObjectLike(value: unknown): value is object {
  return !!value && typeof value === 'object';
}
