// A presentation request in words, for developers: what each query asks, which of the wallet's
// credentials fit and why the others don't, DID authentication, challenge and domain. Built on
// utils/query's matchRequest; a request it cannot read is reported, not thrown.
import { matchRequest, type CandidateCredential, type MatchResult } from '../query';

export interface QueryInWords {
  index: number;
  type: string;
  group?: string;
  required: boolean;
  /** What the query asks, one sentence. */
  asks: string;
  reason?: string;
  /** Can the wallet answer it? */
  answerable: boolean;
  matched: { credentialId: string; warnings: string[] }[];
  notMatched: { credentialId: string; why: string }[];
  /** Why nothing fits / why it can't be answered. */
  problem?: string;
  /** DID authentication: the suite the wallet would sign with. */
  cryptosuite?: string;
}

export interface RequestInWords {
  /** The request could not be read at all (DataError message). */
  unreadable?: string;
  challenge?: string;
  domain?: string;
  /** Does the domain name the origin the wallet talked to? */
  domainMatches?: boolean;
  satisfiable: boolean;
  queries: QueryInWords[];
  /** Why the chosen alternative cannot be satisfied. */
  blockers: string[];
  /** Sentences: a summary a developer reads first. */
  summary: string[];
}

export function explainRequest({ request, credentials = [], origin, did, now }: {
  request: unknown;
  credentials?: CandidateCredential[];
  /** The origin the wallet talked to (the exchange URL's). */
  origin?: string;
  did?: string;
  now?: Date;
}): RequestInWords {
  let match: MatchResult;
  try {
    match = matchRequest({
      request,
      credentials,
      wallet: { didMethods: ['key'], cryptosuites: ['eddsa-rdfc-2022', 'Ed25519Signature2020'], ...(did ? { did } : {}) },
      ...(origin ? { origin } : {}),
      ...(now ? { now } : {}),
    });
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    return { unreadable: message, satisfiable: false, queries: [], blockers: [], summary: [`The request cannot be read: ${message}`] };
  }
  const queries: QueryInWords[] = match.queries.map((q) => {
    const base = { index: q.index, type: q.type, ...(q.group ? { group: q.group } : {}), required: q.required };
    switch (q.kind) {
      case 'QueryByExample': {
        const matched = q.credentialQueries.flatMap((cq) => cq.matches.map((m) => ({ credentialId: m.credentialId, warnings: m.warnings })));
        const notMatched = q.credentialQueries.flatMap((cq) => cq.nonMatches.map((m) => ({ credentialId: m.credentialId, why: m.message })));
        const reason = q.credentialQueries.find((cq) => cq.reason)?.reason;
        const empty = q.credentialQueries.filter((cq) => cq.matches.length === 0 && cq.required);
        const problem = empty.map((cq) => cq.summary ?? `Nothing fits ${cq.description}.`).join(' ');
        return { ...base, asks: q.description, ...(reason ? { reason } : {}), answerable: q.satisfiable, matched, notMatched, ...(problem ? { problem } : {}) };
      }
      case 'DIDAuthentication':
        return {
          ...base, asks: q.description, answerable: q.canAnswer, matched: [], notMatched: [],
          ...(q.cryptosuite ? { cryptosuite: q.cryptosuite } : {}),
          ...(q.problem ? { problem: q.problem.message } : {}),
        };
      default:
        return { ...base, asks: q.description, answerable: false, matched: [], notMatched: [], problem: q.problem.message };
    }
  });
  const alternative = match.alternatives[match.chosenAlternative];
  const blockers = match.satisfiable ? [] : alternative?.blockers ?? [];
  const domainMatches = match.domainCheck?.matches;
  const summary = [
    `${queries.length} ${queries.length === 1 ? 'query' : 'queries'}; ${match.satisfiable ? 'the wallet can answer' : 'the wallet cannot answer'}.`,
    match.challenge ? `Challenge: ${match.challenge}.` : 'No challenge: a wallet should not sign a presentation for it.',
    match.domain
      ? `Domain: ${match.domain}${domainMatches === false && origin ? ` — does not match ${origin} (relay or phishing signal)` : domainMatches ? ' (matches the exchange origin)' : ''}.`
      : 'No domain.',
  ];
  return {
    ...(match.challenge ? { challenge: match.challenge } : {}),
    ...(match.domain ? { domain: match.domain } : {}),
    ...(domainMatches !== undefined ? { domainMatches } : {}),
    satisfiable: match.satisfiable,
    queries,
    blockers,
    summary,
  };
}
