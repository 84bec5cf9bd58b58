// Read a vcapi exchange reply, whatever shape the server chose (see vcalm-brief.md):
// {} / empty, verifiablePresentationRequest, verifiablePresentation (object or array, bare, with a
// nested copy), both, VP + empty VPR (post {} again), redirectUrl (incl. DCC's ""), referenceId.
import { vcalmError } from './errors';
import { checkRequestCaps } from '../request-caps';

export interface ExchangeReply {
  presentations: Record<string, unknown>[]; // VPs offered/issued to the holder (verify, then store)
  request?: Record<string, unknown>; // a VPR to answer (has a query)
  emptyRequest: boolean; // a VPR with nothing in it: bedrock's "not finished, POST {} again"
  redirectUrl?: string; // non-empty redirectUrl
  referenceId?: string; // to echo in the next message
}

const MAX_PRESENTATIONS = 64;
/** Credentials across all offered presentations: more is refused, never cut short silently. */
export const MAX_OFFERED_CREDENTIALS = 50;

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isVp(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const t = value.type;
  return t === 'VerifiablePresentation' || (Array.isArray(t) && t.includes('VerifiablePresentation'));
}

/** One VP, with DCC's nested `verifiablePresentation` copy folded away. */
function normaliseVp(vp: Record<string, unknown>, url: string): Record<string, unknown> {
  const nested = vp.verifiablePresentation;
  if (nested === undefined) return vp;
  const { verifiablePresentation: _copy, ...rest } = vp;
  void _copy;
  if (isObject(nested) && rest.verifiableCredential === undefined && nested.verifiableCredential !== undefined) {
    return normaliseVp(nested, url); // the outer one was only a wrapper
  }
  return rest;
}

function collectVps(value: unknown, url: string): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_PRESENTATIONS) {
    throw vcalmError({ name: 'DataError', message: `${url} offered ${list.length} presentations; at most ${MAX_PRESENTATIONS} are accepted.`, requestUrl: url });
  }
  return list.map((item, i) => {
    let vp: unknown = item;
    // tolerate a doubly wrapped {verifiablePresentation: VP} inside the list
    const inner = isObject(item) ? item.verifiablePresentation : undefined;
    if (!isVp(item) && isObject(inner)) vp = inner;
    if (!isObject(vp)) {
      throw vcalmError({ name: 'DataError', message: `${url} sent a verifiablePresentation${list.length > 1 ? ` [${i}]` : ''} that is not an object.`, requestUrl: url, data: item });
    }
    return normaliseVp(vp, url);
  });
}

function checkCredentialCount(presentations: Record<string, unknown>[], url: string): void {
  let count = 0;
  for (const vp of presentations) {
    const vcs = vp.verifiableCredential;
    count += Array.isArray(vcs) ? vcs.length : vcs === undefined || vcs === null ? 0 : 1;
  }
  if (count > MAX_OFFERED_CREDENTIALS) {
    throw vcalmError({
      name: 'DataError',
      message: `${url} offered ${count} credentials in one reply; at most ${MAX_OFFERED_CREDENTIALS} are accepted, so none were taken.`,
      requestUrl: url,
    });
  }
}

function isEmptyVpr(vpr: Record<string, unknown>): boolean {
  const q = vpr.query;
  return q === undefined || q === null || (Array.isArray(q) && q.length === 0) || (isObject(q) && Object.keys(q).length === 0);
}

/** Throws DataError for a reply that is none of the known shapes. */
export function parseExchangeReply({ body, url }: { body: unknown; url: string }): ExchangeReply {
  const reply: ExchangeReply = { presentations: [], emptyRequest: false };
  if (body === undefined || body === null) return reply; // empty body: complete
  if (typeof body === 'string') {
    throw vcalmError({ name: 'DataError', message: `${url} answered with text, not JSON: "${body.slice(0, 120)}"`, requestUrl: url, data: body.slice(0, 2000) });
  }
  // a bare VP, or a bare array of VPs (DCC)
  if (isVp(body) || (Array.isArray(body) && body.length > 0 && body.every(isVp))) {
    reply.presentations = collectVps(body, url);
    checkCredentialCount(reply.presentations, url);
    return reply;
  }
  if (!isObject(body)) {
    throw vcalmError({ name: 'DataError', message: `${url} answered with ${Array.isArray(body) ? 'an array' : typeof body}, not an exchange message.`, requestUrl: url, data: body });
  }
  if (body.verifiablePresentation !== undefined && body.verifiablePresentation !== null) {
    reply.presentations = collectVps(body.verifiablePresentation, url);
    checkCredentialCount(reply.presentations, url);
  }
  const vpr = body.verifiablePresentationRequest;
  if (vpr !== undefined && vpr !== null) {
    if (!isObject(vpr)) {
      throw vcalmError({ name: 'DataError', message: `${url} sent a verifiablePresentationRequest that is not an object.`, requestUrl: url, data: body });
    }
    if (isEmptyVpr(vpr)) reply.emptyRequest = true;
    else if (!Array.isArray(vpr.query) && !isObject(vpr.query)) {
      throw vcalmError({ name: 'DataError', message: `${url} sent a verifiablePresentationRequest whose "query" is neither an object nor an array.`, requestUrl: url, data: body });
    } else {
      try {
        checkRequestCaps({ request: vpr, from: url });
      } catch (cause) {
        throw vcalmError({ name: 'DataError', message: (cause as Error).message, cause, requestUrl: url });
      }
      reply.request = vpr;
    }
  }
  if (body.redirectUrl !== undefined && body.redirectUrl !== null) {
    if (typeof body.redirectUrl !== 'string') {
      throw vcalmError({ name: 'DataError', message: `${url} sent a redirectUrl that is not a string.`, requestUrl: url, data: body });
    }
    if (body.redirectUrl.trim()) reply.redirectUrl = body.redirectUrl.trim(); // DCC sends "": nothing to do
  }
  if (typeof body.referenceId === 'string' && body.referenceId && body.referenceId.length <= 512) {
    reply.referenceId = body.referenceId;
  }
  return reply;
}
