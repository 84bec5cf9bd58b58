// Answer a DIDAuthentication request with a did:key (Node side: CLI, bench, tests). The wallet
// itself goes through utils/query and the user's approval instead.
import { createPresentation, pickCryptosuite, signPresentation, type WalletKey } from '../../crypto';
import { vcalmError } from '../errors';
import type { ExchangeEvent } from '../events';

type RequestEvent = Extract<ExchangeEvent, { type: 'request' }>;
type Query = Record<string, unknown>;

function queriesOf(request: Record<string, unknown>): Query[] {
  const q = request.query;
  return (Array.isArray(q) ? q : [q]).filter((x): x is Query => !!x && typeof x === 'object');
}

/** Throws NotSupportedError when a required query is not DIDAuthentication (or asks for no did:key). */
export async function answerDidAuth({ event, key }: { event: RequestEvent; key: WalletKey }): Promise<Record<string, unknown>> {
  const queries = queriesOf(event.request);
  const didAuth = queries.filter((q) => q.type === 'DIDAuthentication');
  const other = queries.filter((q) => q.type !== 'DIDAuthentication' && q.required !== false);
  if (other.length > 0 || didAuth.length === 0) {
    throw vcalmError({
      name: 'NotSupportedError',
      message: `${event.origin} asks for ${queries.map((q) => String(q.type)).join(', ') || 'nothing readable'}; this runner answers only DIDAuthentication.`,
    });
  }
  const methods = didAuth.flatMap((q) => (Array.isArray(q.acceptedMethods) ? q.acceptedMethods : []))
    .map((m) => String((m as Query)?.method ?? m).replace(/^did:/, ''));
  if (methods.length > 0 && !methods.includes('key')) {
    throw vcalmError({ name: 'NotSupportedError', message: `${event.origin} accepts DID methods ${methods.join(', ')}; this runner has only did:key.` });
  }
  if (!event.challenge) {
    throw vcalmError({ name: 'DataError', message: `The request from ${event.origin} has no challenge; refusing to sign without one.` });
  }
  const accepted = didAuth.flatMap((q) => (Array.isArray(q.acceptedCryptosuites) ? q.acceptedCryptosuites : []));
  const cryptosuite = pickCryptosuite({ accepted: accepted.length > 0 ? accepted : undefined });
  const presentation = createPresentation({ holder: key.did });
  return signPresentation({ presentation, key, challenge: event.challenge, domain: event.domain || undefined, cryptosuite });
}
