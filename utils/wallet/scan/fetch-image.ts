// Fetches a page image for QR decoding, from the background (so cross-origin images work).
// Only http(s) and base64 data:image URLs; bounded in bytes and time; the reply must say it is
// a raster image. No cookies go with it (the wallet asks as itself, with no ambient authority);
// the HTTP cache is preferred. Images of the page's own origin never come here: the page
// scanner rasterises those itself.
import { namedError } from '../../messaging/errors';
import { readCappedBytes } from '../../read-capped';
import { hasErrorName } from '../../errors';
import { fetchCheckingRedirects, isRedirectRefusal } from '../../vcalm/http';
import { isLoopbackHost, isPrivateNetworkHost } from '../../vcalm/url-policy';

/**
 * A redirect hop of an image fetch: http(s), no user name or password, and into loopback or the
 * local network only when the image itself was there (a public page's image may not redirect the
 * wallet into the user's network). Checked before the hop is contacted.
 */
export function checkImageHop({ url, privateNetwork }: { url: string; privateNetwork: boolean }): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw namedError({ name: 'DataError', message: 'The image redirected to an invalid URL.', cause });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw namedError({ name: 'NotSupportedError', message: `The image redirected to a "${parsed.protocol}" URL.` });
  }
  if (parsed.username || parsed.password) {
    throw namedError({ name: 'NotAllowedError', message: 'The image redirected to a URL with a user name or password.' });
  }
  if (!privateNetwork && (isPrivateNetworkHost({ hostname: parsed.hostname }) || isLoopbackHost({ hostname: parsed.hostname }))) {
    throw namedError({ name: 'NotAllowedError', message: `The image redirected into this computer or the local network (${parsed.host}); not followed.` });
  }
}

function isLocal(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return isLoopbackHost({ hostname }) || isPrivateNetworkHost({ hostname });
  } catch {
    return false;
  }
}

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 10_000;
const RASTER = /^image\/(png|jpeg|pjpeg|gif|webp|bmp|x-ms-bmp|avif|x-icon|vnd\.microsoft\.icon)\b/i;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export async function fetchImage({ url, fetch = globalThis.fetch, maxBytes = MAX_IMAGE_BYTES, timeoutMs = IMAGE_TIMEOUT_MS }: {
  url: string;
  fetch?: FetchLike;
  maxBytes?: number;
  timeoutMs?: number;
}): Promise<Blob> {
  if (typeof url !== 'string' || !(/^https?:\/\//i.test(url) || /^data:image\//i.test(url))) {
    throw new TypeError('"url" must be an http(s) or data:image URL.');
  }
  let response: Response;
  const privateNetwork = isLocal(url);
  try {
    // Redirects one hop at a time, each checked before it is contacted (utils/vcalm/http.ts; in
    // the worker the redirect-observing fetch makes the hops readable, utils/wallet/redirect-fetch.ts).
    response = await fetchCheckingRedirects({
      doFetch: fetch,
      url,
      init: {
        method: 'GET',
        credentials: 'omit',
        cache: 'force-cache',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { Accept: 'image/avif,image/webp,image/png,image/*;q=0.8' },
      },
      checkRedirect: (target) => checkImageHop({ url: target, privateNetwork }),
    });
  } catch (cause) {
    if (isRedirectRefusal(cause)) throw cause; // the redirect policy's own refusals keep their names
    const timedOut = hasErrorName(cause, 'TimeoutError');
    throw namedError({
      name: timedOut ? 'TimeoutError' : 'OperationError',
      message: timedOut ? `The image did not arrive within ${timeoutMs} ms.` : 'The image could not be fetched.',
      cause,
    });
  }
  if (!response.ok) {
    throw Object.assign(namedError({ name: 'OperationError', message: `The image server answered ${response.status}.` }), { status: response.status });
  }
  const type = response.headers.get('content-type') ?? '';
  if (!RASTER.test(type)) {
    await response.body?.cancel().catch(() => undefined); // discarding a refused body: nothing to report
    throw namedError({
      name: 'NotSupportedError',
      message: /svg/i.test(type) ? 'SVG images from another origin are not decoded.' : `Not a raster image (${type.slice(0, 60) || 'no content type'}).`,
    });
  }
  const bytes = await readCappedBytes({
    response,
    maxBytes,
    tooLarge: () => namedError({ name: 'DataError', message: `The image is larger than ${maxBytes} bytes.` }),
  });
  return new Blob([bytes as BlobPart], { type });
}
