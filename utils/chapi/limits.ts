// Bounds on what a page may hand the wallet through navigator.credentials. Generous for real
// requests and presentations, small enough that a hostile page cannot make the wallet chew on
// megabytes of JSON or open a window per call.
import { MAX_CHALLENGE_CHARS, MAX_REQUEST_QUERIES } from '../request-caps';

/** Serialized size of `options.web` for get(). */
export const MAX_GET_BYTES = 256 * 1024;
/** Serialized size of the WebCredential's data for store(). */
export const MAX_STORE_BYTES = 4 * 1024 * 1024;
/** Credentials in one stored presentation. */
export const MAX_STORE_CREDENTIALS = 50;
/** Queries in one presentation request (the same cap as a VC-API server's request). */
export const MAX_QUERIES = MAX_REQUEST_QUERIES;
/** Length of challenge, domain and other short strings (the signer's own cap). */
export const MAX_SHORT_STRING = MAX_CHALLENGE_CHARS;
/** Entries in recommendedHandlerOrigins, protocols and interact.service. */
export const MAX_LIST = 20;
