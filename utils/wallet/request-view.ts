// A presentation request in words for the approval window: each query with the stored
// credentials that fit (and why the others don't), the DID that signs, the suite, the
// domain check. Built from utils/query's explanation.
import { matchRequest, type CandidateCredential, type MatchResult } from '../query';
import { SIGNING_CRYPTOSUITES } from '../crypto/cryptosuites';
import type { ApprovalView, QueryView, Requester } from '../messaging';
import type { StoredCredential } from '../db';
import { summarizeCredential } from './summary';

const SIGNING_SUITES: readonly string[] = SIGNING_CRYPTOSUITES;

export interface PresentPlan {
  view: Omit<ApprovalView, 'id' | 'exchangeId' | 'status' | 'createdAt'>;
  match?: MatchResult;
}

export function buildPresentApproval({ request, credentials, did, requester, domainMatchesOrigin, suites = SIGNING_SUITES }: {
  request: Record<string, unknown>;
  credentials: (StoredCredential & { expandedTypes?: string[] })[];
  did: string;
  /** The suites the wallet's keys sign with (default: the primary Ed25519 key's). */
  suites?: readonly string[];
  requester: Requester;
  domainMatchesOrigin?: boolean;
}): PresentPlan {
  const byId = new Map(credentials.map((c) => [c.id, summarizeCredential({ credential: c.credential })]));
  const candidates: CandidateCredential[] = credentials.map((c) => ({
    id: c.id,
    credential: c.credential,
    verification: c.verification,
    ...(c.expandedTypes ? { expandedTypes: c.expandedTypes } : {}),
  }));
  const challenge = typeof request.challenge === 'string' ? request.challenge : undefined;
  const domain = typeof request.domain === 'string' ? request.domain : undefined;
  const base = {
    kind: 'present' as const,
    requester,
    holderDid: did,
    ...(challenge ? { challenge } : {}),
    ...(domain ? { domain } : {}),
    ...(domain && domainMatchesOrigin === false
      ? {
          domainWarning: `The request is bound to "${domain}", but the wallet is talking to ${requester.exchangeOrigin}. ` +
            'Someone may be relaying this request; approve only if you expected it.',
        }
      : {}),
  };
  let match: MatchResult;
  try {
    match = matchRequest({ request, credentials: candidates, wallet: { did, didMethods: ['key'], cryptosuites: [...suites] } });
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    return { view: { ...base, queries: [], blockers: [`The request cannot be read: ${message}`] } };
  }
  const name = (id: string) => byId.get(id)?.name ?? id;
  const issuer = (id: string) => byId.get(id)?.issuer.id;
  const queries: QueryView[] = [];
  for (const q of match.queries) {
    if (q.kind === 'QueryByExample') {
      for (const cq of q.credentialQueries) {
        queries.push({
          key: `${q.index}.${cq.index}`,
          index: q.index,
          type: q.type,
          summary: cq.description,
          ...(cq.reason ? { reason: cq.reason } : {}),
          required: q.required && cq.required,
          ...(q.group ? { group: q.group } : {}),
          supported: true,
          candidates: [
            ...cq.matches.map((m) => ({ credentialId: m.credentialId, name: name(m.credentialId), issuer: issuer(m.credentialId), fits: true, reasons: m.warnings })),
            ...cq.nonMatches.map((m) => ({ credentialId: m.credentialId, name: name(m.credentialId), issuer: issuer(m.credentialId), fits: false, reasons: [m.message] })),
          ],
          ...(cq.matches.length === 0 ? { noMatch: cq.summary ?? 'No stored credential fits this query.' } : {}),
        });
      }
    } else {
      queries.push({
        key: String(q.index),
        index: q.index,
        type: q.type,
        summary: q.description,
        required: q.required,
        ...(q.group ? { group: q.group } : {}),
        supported: q.kind === 'DIDAuthentication' ? q.canAnswer : false,
        candidates: [],
        ...(q.kind !== 'DIDAuthentication' ? { noMatch: q.problem.message } : q.problem ? { noMatch: q.problem.message } : {}),
      });
    }
  }
  const blockers: string[] = [];
  if (!match.satisfiable) {
    const alternative = match.alternatives[match.chosenAlternative];
    blockers.push(...(alternative?.blockers.length ? alternative.blockers : ['The wallet cannot answer this request.']));
  }
  if (!challenge) blockers.push('The request carries no challenge; the wallet signs presentations only for a challenge the verifier chose.');
  const cryptosuite = match.didAuth?.cryptosuite ?? suites[0];
  const reason = queries.find((q) => q.reason)?.reason;
  return {
    view: {
      ...base,
      ...(reason ? { reason } : {}),
      queries,
      cryptosuite,
      ...(blockers.length ? { blockers } : {}),
    },
    match,
  };
}
