// Size caps on what a presentation request may ask the wallet to sign or read: the same numbers
// for a VC-API server's request, a page's CHAPI request and the signer itself, so an 8 MB
// challenge is refused wherever it comes from (and is never signed and posted).
import { namedError } from './errors';

/** Characters in a challenge or a domain (UUIDs and origins are far shorter). */
export const MAX_CHALLENGE_CHARS = 2048;
export const MAX_DOMAIN_CHARS = 2048;
/** Queries in one request. */
export const MAX_REQUEST_QUERIES = 50;
/** Serialized size of a request's query (all of it). */
export const MAX_QUERY_CHARS = 256 * 1024;

/**
 * Throws a DataError naming `from` when the request's challenge, domain or query is past its cap
 * or of the wrong type. Returns nothing; the request is not changed.
 */
export function checkRequestCaps({ request, from }: { request: Record<string, unknown>; from: string }): void {
  const fail = (message: string) => {
    throw namedError({ name: 'DataError', message: `${from} ${message}` });
  };
  const { challenge, domain, query } = request;
  if (challenge !== undefined && challenge !== null) {
    if (typeof challenge !== 'string') fail('sent a challenge that is not a string.');
    else if (challenge.length > MAX_CHALLENGE_CHARS) fail(`sent a challenge of ${challenge.length} characters; at most ${MAX_CHALLENGE_CHARS}.`);
  }
  if (domain !== undefined && domain !== null) {
    if (typeof domain !== 'string') fail('sent a domain that is not a string.');
    else if (domain.length > MAX_DOMAIN_CHARS) fail(`sent a domain of ${domain.length} characters; at most ${MAX_DOMAIN_CHARS}.`);
  }
  if (Array.isArray(query) && query.length > MAX_REQUEST_QUERIES) {
    fail(`sent ${query.length} queries; at most ${MAX_REQUEST_QUERIES}.`);
  }
  if (query !== undefined) {
    const size = JSON.stringify(query)?.length ?? 0;
    if (size > MAX_QUERY_CHARS) fail(`sent a query of ${size} characters; at most ${MAX_QUERY_CHARS}.`);
  }
}

/** The signer's own check: a challenge or domain past its cap is never signed. */
export function checkSignCaps({ challenge, domain }: { challenge: string; domain?: string }): void {
  checkRequestCaps({ request: { challenge, domain }, from: 'The request' });
}
