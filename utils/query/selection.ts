import type { MatchResult } from './types';

/**
 * A default choice of credentials for the chosen alternative: the first match of
 * every credential query (required or not), without duplicates. The approval
 * screen starts from this and lets the user change it.
 */
export function defaultSelection({ result }: { result: MatchResult }): string[] {
  const alternative = result.alternatives[result.chosenAlternative];
  if (!alternative) return [];
  const ids: string[] = [];
  for (const index of alternative.queryIndexes) {
    const query = result.queries[index];
    if (query?.kind !== 'QueryByExample') continue;
    for (const cq of query.credentialQueries) {
      const first = cq.matches[0]?.credentialId;
      if (first && !ids.includes(first)) ids.push(first);
    }
  }
  return ids;
}
