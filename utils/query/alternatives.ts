import { chooseSuite, DEFAULT_WALLET } from './did-auth';
import type {
  Alternative,
  DidAuthExplanation,
  DidAuthPlan,
  QueryExplanation,
  WalletCapabilities,
} from './types';

/**
 * VCALM grouping: queries sharing a `group` must all be answered (AND); different
 * groups are alternatives (OR). Queries without a group belong to every
 * alternative. With no groups at all, every query is in the one alternative (the
 * older vp-request-spec reading: all top-level queries AND).
 */
export function groupAlternatives(queries: QueryExplanation[]): { group?: string; queryIndexes: number[] }[] {
  const groups = [...new Set(queries.map((q) => q.group).filter((g): g is string => !!g))];
  const ungrouped = queries.filter((q) => !q.group).map((q) => q.index);
  if (!groups.length) return [{ queryIndexes: ungrouped }];
  return groups.map((group) => ({
    group,
    queryIndexes: queries
      .filter((q) => q.group === group || !q.group)
      .map((q) => q.index),
  }));
}

/** One signature answers every DID-auth query of an alternative: find a suite all accept. */
export function planDidAuth({
  queries,
  wallet = {},
}: {
  queries: DidAuthExplanation[];
  wallet?: WalletCapabilities;
}): DidAuthPlan | undefined {
  if (!queries.length) return undefined;
  const required = queries.filter((q) => q.required);
  const answerable = queries.filter((q) => q.canAnswer);
  const used = required.length ? required : answerable.length ? answerable.slice(0, 1) : queries.slice(0, 1);
  const suites = wallet.cryptosuites ?? DEFAULT_WALLET.cryptosuites;
  const common = suites.filter((s) =>
    used.every((q) => !q.acceptedCryptosuites.length || q.acceptedCryptosuites.includes(s)),
  );
  const blocked = used.find((q) => !q.canAnswer);
  const cryptosuite = blocked
    ? undefined
    : chooseSuite({ accepted: used[0].acceptedCryptosuites, available: common });
  const problem =
    blocked?.problem ??
    (cryptosuite
      ? undefined
      : {
          name: 'NotSupportedError',
          message: 'The DID authentication queries accept no signature suite in common that this wallet has.',
        });
  return {
    required: required.length > 0,
    queryIndexes: used.map((q) => q.index),
    canAnswer: !problem,
    method: 'key',
    did: wallet.did,
    cryptosuite,
    problem,
  };
}

function blockerFor(q: QueryExplanation): string | undefined {
  if (q.satisfiable) return undefined;
  switch (q.kind) {
    case 'QueryByExample':
      return q.credentialQueries
        .filter((cq) => cq.required && !cq.matches.length)
        .map((cq) => `Asked for ${cq.description}: ${cq.summary}`)
        .join(' ');
    case 'DIDAuthentication':
    case 'unsupported':
    case 'invalid':
      return q.problem?.message;
  }
}

export function evaluateAlternatives({
  queries,
  wallet,
}: {
  queries: QueryExplanation[];
  wallet?: WalletCapabilities;
}): { alternatives: Alternative[]; plans: (DidAuthPlan | undefined)[] } {
  const plans: (DidAuthPlan | undefined)[] = [];
  const alternatives = groupAlternatives(queries).map(({ group, queryIndexes }) => {
    const members = queryIndexes.map((i) => queries[i]);
    const blockers = members.map(blockerFor).filter((b): b is string => !!b);
    const plan = planDidAuth({
      queries: members.filter((q): q is DidAuthExplanation => q.kind === 'DIDAuthentication'),
      wallet,
    });
    if (plan?.required && !plan.canAnswer && plan.problem && !blockers.includes(plan.problem.message)) {
      blockers.push(plan.problem.message);
    }
    plans.push(plan);
    return { group, queryIndexes, satisfiable: blockers.length === 0, blockers };
  });
  return { alternatives, plans };
}
