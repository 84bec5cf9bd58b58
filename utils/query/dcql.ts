// DCQL (OpenID4VP 1.0's query language) read into the same normalized queries as a VCALM
// QueryByExample, so one engine explains and matches both. The `dcql` package (the reference
// implementation) validates the query and, when the credentials' expanded JSON-LD types are
// known, decides the match; the QueryByExample form gives the words (what is asked, why a
// credential does not fit) and decides when expanded types are not at hand.
import type { DcqlQuery } from 'dcql';
import { dcqlLib } from '../openid-libs/dcql';
import { exampleFromDcqlClaims } from './dcql-claims';
import { namedError } from './errors';
import type { NormalizedQuery } from './normalize-request';

/** Combinations of credential-set options past this are refused (DataError). */
export const MAX_DCQL_COMBINATIONS = 16;

const FORMATS_KEPT = new Set(['ldp_vc']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** The last segment of a type IRI ("https://www.w3.org/2018/credentials#VerifiableCredential" → "VerifiableCredential"). */
export function shortTypeName(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
  return cut >= 0 && cut < iri.length - 1 ? iri.slice(cut + 1) : iri;
}

/** Parses and validates a DCQL query with the reference library; DataError naming the problem. */
export function parseDcql({ dcql }: { dcql: unknown }): DcqlQuery {
  let value = dcql;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw namedError({ name: 'DataError', message: 'The DCQL query is not valid JSON.' });
    }
  }
  const dcqlQuery = dcqlLib(); // outside the try: a library that cannot load is not a bad query
  try {
    const parsed = dcqlQuery.parse(value as DcqlQuery.Input);
    dcqlQuery.validate(parsed);
    return parsed;
  } catch (cause) {
    const detail = (cause as Error)?.message?.split('\n')[0]?.slice(0, 300) ?? String(cause);
    throw namedError({ name: 'DataError', message: `The DCQL query is not valid: ${detail}`, cause });
  }
}

type CredentialQuery = DcqlQuery['credentials'][number];

function exampleFor(cq: CredentialQuery): Record<string, unknown> {
  // claim_sets: the first set is the verifier's preference; the others are alternatives the
  // example form cannot express (the dcql library checks all of them when it decides).
  const claims = cq.claims ?? [];
  const chosen = cq.claim_sets?.length
    ? claims.filter((c) => c.id !== undefined && cq.claim_sets![0].includes(c.id))
    : claims;
  const example = exampleFromDcqlClaims({ claims: chosen });
  const meta = cq.meta as { type_values?: string[][] } | undefined;
  const wanted = meta?.type_values?.[0]?.map(shortTypeName).filter((t) => t !== 'VerifiableCredential') ?? [];
  if (wanted.length) {
    const have = example.type === undefined ? [] : Array.isArray(example.type) ? example.type : [example.type];
    example.type = [...new Set([...have, ...wanted])];
  }
  return example;
}

function queryFor(cq: CredentialQuery, index: number, group: string | undefined, required: boolean, reason?: string, metaReason?: unknown): NormalizedQuery {
  const base = { index, type: 'DigitalCredentialQueryLanguage', required, dcqlId: cq.id, ...(group ? { group } : {}) };
  if (!FORMATS_KEPT.has(cq.format)) {
    return {
      ...base,
      kind: 'unsupported',
      problem: {
        name: 'NotSupportedError',
        message: `The verifier asks for a "${cq.format}" credential (query "${cq.id}"); this wallet holds only Data Integrity (ldp_vc) credentials.`,
      },
    };
  }
  const why = typeof metaReason === 'string' ? metaReason : reason;
  return {
    ...base,
    kind: 'QueryByExample',
    credentialQueries: [{
      index: 0,
      required: true,
      ...(why ? { reason: why } : {}),
      example: exampleFor(cq),
      hasExample: true,
      raw: cq,
      dcql: cq,
    }],
  };
}

function purposeText(purpose: unknown): string | undefined {
  if (typeof purpose === 'string') return purpose;
  if (typeof purpose === 'number') return String(purpose);
  return undefined;
}

/**
 * A DCQL query as normalized queries, numbered from `startIndex`. Without credential_sets every
 * credential query is required (one alternative). With them, each combination of one option per
 * required set is one group (VCALM: same group AND, groups OR); options of optional sets are
 * ungrouped and not required. Every query carries `dcqlId`.
 */
export function queriesFromDcql({ dcql, startIndex = 0 }: { dcql: unknown; startIndex?: number }): NormalizedQuery[] {
  const parsed = parseDcql({ dcql });
  const byId = new Map(parsed.credentials.map((cq) => [cq.id, cq]));
  // `meta.reason` (bedrock's, via oid4-client) is not DCQL: the parser drops it, so read it from the input
  const raw = (typeof dcql === 'string' ? JSON.parse(dcql) : dcql) as { credentials?: { id?: unknown; meta?: { reason?: unknown } }[] };
  const reasons = new Map((raw.credentials ?? []).map((c) => [c?.id, c?.meta?.reason]));
  const out: NormalizedQuery[] = [];
  const push = (cq: CredentialQuery, group: string | undefined, required: boolean, reason?: string) =>
    out.push(queryFor(cq, startIndex + out.length, group, required, reason, reasons.get(cq.id)));
  const sets = parsed.credential_sets;
  if (!sets?.length) {
    for (const cq of parsed.credentials) push(cq, undefined, true);
    return out;
  }
  const requiredSets = sets.filter((s) => s.required !== false);
  let combinations: { ids: string[]; reasons: (string | undefined)[] }[] = [{ ids: [], reasons: [] }];
  for (const set of requiredSets) {
    const reason = purposeText(set.purpose);
    combinations = combinations.flatMap((c) =>
      set.options.map((option) => ({ ids: [...c.ids, ...option], reasons: [...c.reasons, ...option.map(() => reason)] })));
    if (combinations.length > MAX_DCQL_COMBINATIONS) {
      throw namedError({
        name: 'DataError',
        message: `The DCQL query's credential sets allow more than ${MAX_DCQL_COMBINATIONS} combinations.`,
      });
    }
  }
  const grouped = requiredSets.length > 0 && combinations.length > 1;
  combinations.forEach((combination, n) => {
    const seen = new Set<string>();
    combination.ids.forEach((id, i) => {
      if (seen.has(id)) return;
      seen.add(id);
      push(byId.get(id)!, grouped ? `dcql-option-${n + 1}` : undefined, true, combination.reasons[i]);
    });
  });
  for (const set of sets.filter((s) => s.required === false)) {
    for (const id of set.options[0] ?? []) push(byId.get(id)!, undefined, false, purposeText(set.purpose));
  }
  return out;
}

/** The DCQL query inside a VCALM `DigitalCredentialQueryLanguage` query (several field names in use). */
export function dcqlInVprQuery(raw: Record<string, unknown>): unknown {
  for (const key of ['dcqlQuery', 'dcql_query', 'query', 'credentialQuery']) {
    const value = raw[key];
    if (isObject(value) && Array.isArray(value.credentials)) return value;
    if (typeof value === 'string' && value.trim().startsWith('{')) return value;
  }
  if (Array.isArray(raw.credentials)) return { credentials: raw.credentials, credential_sets: raw.credential_sets };
  return undefined;
}

/**
 * The reference library's verdict on one credential for one DCQL credential query, given the
 * credential's expanded JSON-LD types (DCQL's `type_values` are expanded IRIs). `undefined` when
 * it fits, else the library's first complaint in words.
 */
export function dcqlMismatch({ query, credential, expandedTypes }: {
  query: CredentialQuery; credential: unknown; expandedTypes: string[];
}): string | undefined {
  if (!isObject(credential)) return 'It is not a JSON credential.';
  // @digitalbazaar/oid4-client (bedrock) turns an example's `type: "X"` into the claim
  // {path: ["type"], values: ["X"]}, which strict DCQL compares with the whole type array; read a
  // claim path ending in "type" as "the type set contains", as the example it came from meant.
  const lenient = {
    ...query,
    ...(query.claims ? {
      claims: query.claims.map((c) => ('path' in c && c.values && c.path.at(-1) === 'type' ? { ...c, path: [...c.path, null] } : c)),
    } : {}),
  } as CredentialQuery;
  const result = dcqlLib().query({ credentials: [lenient], can_be_satisfied: false } as unknown as DcqlQuery, [{
    credential_format: 'ldp_vc',
    claims: credential as Record<string, never>,
    type: expandedTypes,
    cryptographic_holder_binding: true,
  }]);
  const match = result.credential_matches[query.id];
  if (match?.success) return undefined;
  const failed = (match as { failed_credentials?: { meta?: { issues?: unknown }; claims?: { failed_claims?: { issues?: unknown }[] } }[] })
    ?.failed_credentials?.[0];
  const issues = failed?.meta && (failed.meta as { success?: boolean }).success === false
    ? failed.meta.issues
    : failed?.claims?.failed_claims?.[0]?.issues;
  const first = isObject(issues) ? Object.values(issues).flat()[0] : undefined;
  return `It does not answer DCQL query "${query.id}"${typeof first === 'string' ? `: ${first}` : '.'}`;
}
