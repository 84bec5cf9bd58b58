// Answer a presentation request from the CLI (VCALM or OpenID4VP): DID authentication alone is
// answered with the key; a request for credentials is matched by utils/query — the same engine
// the wallet's approval window uses (DCQL with expanded types, QueryByExample, PEX converted) —
// against the credentials given with --credential, the first fitting credential per query is
// presented, and the VP is signed for the request's challenge and domain.
import { createPresentation, pickCryptosuite, signPresentation, type WalletKey } from '../../crypto';
import { defaultSelection, matchRequest, type CandidateCredential } from '../../query';
import { usesDcql, withExpandedTypes } from '../../oid4vp/expand-types';
import { vcalmError } from '../errors';
import type { ExchangeEvent } from '../events';
import { answerDidAuth } from './did-auth';

type RequestEvent = Extract<ExchangeEvent, { type: 'request' }>;

const SIGNING_SUITES = ['eddsa-rdfc-2022', 'Ed25519Signature2020'];

function asksOnlyDidAuth(request: Record<string, unknown>): boolean {
  if (usesDcql(request) || request.presentation_definition !== undefined) return false;
  const queries = [request.query].flat().filter((q): q is Record<string, unknown> => !!q && typeof q === 'object');
  return queries.length > 0 && queries.every((q) => q.type === 'DIDAuthentication' || q.required === false);
}

/**
 * The signed VP answering `event`, or a named error (NotSupportedError / NotFoundError) saying
 * why the CLI cannot answer it — the caller then declines and nothing is sent.
 */
export async function answerRequest({ event, key, credentials }: {
  event: RequestEvent; key: WalletKey; credentials: Record<string, unknown>[];
}): Promise<Record<string, unknown>> {
  const request = event.request;
  if (asksOnlyDidAuth(request)) return answerDidAuth({ event, key });
  if (!event.challenge) {
    throw vcalmError({ name: 'DataError', message: `The request from ${event.origin} has no challenge; refusing to sign without one.` });
  }
  const plain: CandidateCredential[] = credentials.map((credential, i) => ({ id: `credential-${i}`, credential }));
  const candidates = usesDcql(request) ? await withExpandedTypes({ credentials: plain }) : plain;
  const match = matchRequest({ request, credentials: candidates, wallet: { did: key.did, didMethods: ['key'], cryptosuites: SIGNING_SUITES } });
  if (!match.satisfiable) {
    const blockers = match.alternatives[match.chosenAlternative]?.blockers ?? [];
    throw vcalmError({
      name: 'NotFoundError',
      message: `None of the ${credentials.length} credential(s) given with --credential answers the request from ${event.origin}`
        + `${blockers.length ? `: ${blockers.join('; ').slice(0, 400)}` : ''}.`,
    });
  }
  const byId = new Map(candidates.map((c) => [c.id, c.credential]));
  const chosen = defaultSelection({ result: match }).map((id) => byId.get(id)!).filter(Boolean);
  const cryptosuite = match.didAuth?.cryptosuite ?? pickCryptosuite({});
  const presentation = createPresentation({ holder: key.did, verifiableCredential: chosen });
  return signPresentation({ presentation, key, challenge: event.challenge, domain: event.domain || undefined, cryptosuite });
}
