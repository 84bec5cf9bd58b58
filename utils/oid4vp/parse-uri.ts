// An OID4VP authorization request as it arrives: `openid4vp://?…` (and the other wallet schemes),
// or an https link carrying the same parameters; by value (parameters or `request`) or by
// reference (`request_uri`, optionally `request_uri_method=post`).
import { namedError } from '../errors';

export const OID4VP_SCHEMES = ['openid4vp:', 'eudi-openid4vp:', 'mdoc-openid4vp:', 'haip-vp:', 'haip:', 'openid-vc:', 'openid:'];

/** Parameters whose value is JSON inside the URI. */
const JSON_PARAMS = ['dcql_query', 'presentation_definition', 'client_metadata', 'transaction_data'];

export interface ParsedRequestUri {
  /** Every parameter, JSON ones parsed. */
  params: Record<string, unknown>;
  byReference: boolean;
  requestUri?: string;
  requestUriMethod: 'get' | 'post';
}

export const MAX_REQUEST_URI_LENGTH = 16_384;

export function parseRequestUri({ uri }: { uri: string }): ParsedRequestUri {
  if (typeof uri !== 'string') throw new TypeError('"uri" must be a string.');
  const text = uri.trim();
  if (text.length > MAX_REQUEST_URI_LENGTH) throw namedError({ name: 'DataError', message: 'The OpenID4VP request link is too long.' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw namedError({ name: 'DataError', message: 'The OpenID4VP request is not a URI.' });
  }
  if (!OID4VP_SCHEMES.includes(url.protocol) && url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw namedError({ name: 'NotSupportedError', message: `"${url.protocol}" links are not OpenID4VP requests.` });
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    if (key in params) throw namedError({ name: 'DataError', message: `The OpenID4VP request repeats "${key}".` });
    if (JSON_PARAMS.includes(key)) {
      try {
        params[key] = JSON.parse(value);
      } catch {
        throw namedError({ name: 'DataError', message: `The OpenID4VP request's "${key}" is not valid JSON.` });
      }
    } else params[key] = value;
  }
  if (typeof params.presentation_definition_uri === 'string') {
    throw namedError({ name: 'NotSupportedError', message: 'The request names its presentation definition by URI (presentation_definition_uri), which this wallet does not fetch.' });
  }
  const requestUri = typeof params.request_uri === 'string' ? params.request_uri : undefined;
  const method = typeof params.request_uri_method === 'string' ? params.request_uri_method.toLowerCase() : 'get';
  if (method !== 'get' && method !== 'post') {
    throw namedError({ name: 'DataError', message: `"request_uri_method" must be get or post, not "${String(params.request_uri_method)}".` });
  }
  if (!requestUri && params.request === undefined && params.response_type === undefined) {
    throw namedError({ name: 'DataError', message: 'The OpenID4VP request has neither "request_uri", "request" nor the request parameters.' });
  }
  return { params, byReference: !!requestUri, ...(requestUri ? { requestUri } : {}), requestUriMethod: method };
}
