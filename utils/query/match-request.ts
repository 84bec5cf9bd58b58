import { evaluateAlternatives } from './alternatives';
import { matchCredentialQuery } from './credential-query';
import { explainDidAuth } from './did-auth';
import { domainMatchesOrigin } from './domain';
import { normalizeRequest, type NormalizedQuery } from './normalize-request';
import type {
  CandidateCredential,
  MatchResult,
  QueryExplanation,
  WalletCapabilities,
} from './types';

function explainQuery(
  query: NormalizedQuery,
  credentials: CandidateCredential[],
  wallet: WalletCapabilities | undefined,
  strictContexts: boolean,
  now: Date,
): QueryExplanation {
  const base = { index: query.index, type: query.type, group: query.group, required: query.required, ...(query.dcqlId ? { dcqlId: query.dcqlId } : {}) };
  switch (query.kind) {
    case 'QueryByExample': {
      const credentialQueries = query.credentialQueries.map((cq) =>
        matchCredentialQuery({ query: cq, credentials, strictContexts, now }),
      );
      const answered = credentialQueries.every((cq) => !cq.required || cq.matches.length > 0);
      return {
        ...base,
        kind: 'QueryByExample',
        satisfiable: answered || !query.required,
        description: `Share ${credentialQueries.map((cq) => cq.description).join(' and ')}${
          query.required ? '' : ' (optional)'
        }`,
        credentialQueries,
      };
    }
    case 'DIDAuthentication':
      return explainDidAuth({ query, wallet });
    case 'unsupported':
    case 'invalid':
      return {
        ...base,
        kind: query.kind,
        satisfiable: !query.required,
        description: query.problem.message,
        problem: query.problem,
      };
  }
}

/**
 * Explains a presentation request against the wallet's credentials: what each
 * query asks, which credentials fit (and why the others do not), whether DID
 * authentication can be answered and with which suite, and whether the request
 * as a whole (its groups) can be satisfied.
 *
 * Throws TypeError for bad arguments and DataError for a request that is not a
 * readable VPR; unsupported or malformed individual queries are reported, not thrown.
 */
export function matchRequest({
  request,
  credentials,
  wallet,
  strictContexts = false,
  origin,
  now = new Date(),
}: {
  request: unknown;
  credentials: CandidateCredential[];
  /** What the wallet can sign with, and its DID (shown in descriptions). */
  wallet?: WalletCapabilities;
  /** Fail (rather than warn) when a credential lacks a JSON-LD context the example names. */
  strictContexts?: boolean;
  /** The origin the wallet is talking to (exchange URL origin), to check `domain` against. */
  origin?: string;
  /** Clock for validity-date warnings. */
  now?: Date;
}): MatchResult {
  if (!Array.isArray(credentials)) throw new TypeError('"credentials" must be an array.');
  for (const c of credentials) {
    if (!c || typeof c !== 'object' || typeof c.id !== 'string') {
      throw new TypeError('"credentials" must be {id, credential} records.');
    }
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('"now" must be a valid Date.');
  const normalized = normalizeRequest({ request });
  const domainCheck =
    origin === undefined
      ? undefined
      : { origin, matches: domainMatchesOrigin({ domain: normalized.domain, origin }) };
  const queries = normalized.queries.map((q) => explainQuery(q, credentials, wallet, strictContexts, now));
  const { alternatives, plans } = evaluateAlternatives({ queries, wallet });
  const firstOk = alternatives.findIndex((a) => a.satisfiable);
  const chosenAlternative = firstOk === -1 ? 0 : firstOk;
  const unsupported: MatchResult['unsupported'] = [];
  for (const q of queries) {
    if (q.kind === 'unsupported' || q.kind === 'invalid') {
      unsupported.push({ ...q.problem, queryIndex: q.index });
    } else if (q.kind === 'DIDAuthentication' && q.problem) {
      unsupported.push({ ...q.problem, queryIndex: q.index });
    } else if (q.kind === 'QueryByExample') {
      for (const cq of q.credentialQueries) {
        for (const note of cq.notes) unsupported.push({ ...note, queryIndex: q.index });
      }
    }
  }
  return {
    queries,
    alternatives,
    chosenAlternative,
    satisfiable: firstOk !== -1,
    didAuth: plans[chosenAlternative],
    unsupported,
    challenge: normalized.challenge,
    domain: normalized.domain,
    ...(domainCheck ? { domainCheck } : {}),
    interact: normalized.interact,
  };
}
