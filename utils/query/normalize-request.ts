import { dcqlInVprQuery, queriesFromDcql } from './dcql';
import { namedError, type Problem } from './errors';
import { readCryptosuites, readDidMethods, readEnvelopes } from './names';
import { queriesFromAuthorizationRequest } from './oid4vp-request';

/** Bounds on what a request may ask for; beyond them the request is a DataError. */
export const LIMITS = { queries: 64, credentialQueries: 64 } as const;

export interface AcceptedIssuers {
  /** Issuer ids (URLs / DIDs) any of which is acceptable. Empty = no id rule. */
  ids: string[];
  /** Issuer rules the wallet cannot evaluate (recognizedIn, non-required trustedIssuer …). */
  notes: Problem[];
}

export interface NormalizedCredentialQuery {
  index: number;
  required: boolean;
  reason?: string;
  /** The example as sent; `undefined` when the query has no example. */
  example: unknown;
  hasExample: boolean;
  acceptedIssuers?: AcceptedIssuers;
  acceptedCryptosuites?: string[];
  acceptedEnvelopes?: string[];
  raw: unknown;
  /** Set for a query read from DCQL: the DCQL credential query (the dcql library decides with it). */
  dcql?: import('dcql').DcqlQuery['credentials'][number];
}

interface NormalizedBase {
  index: number;
  type: string;
  group?: string;
  required: boolean;
  /** The DCQL credential query id this query came from (OID4VP answers are keyed by it). */
  dcqlId?: string;
}

export type NormalizedQuery =
  | (NormalizedBase & {
      kind: 'QueryByExample';
      credentialQueries: NormalizedCredentialQuery[];
    })
  | (NormalizedBase & {
      kind: 'DIDAuthentication';
      acceptedMethods: string[];
      acceptedCryptosuites: string[];
      acceptedEnvelopes: string[];
      rawAcceptedCryptosuites?: unknown;
    })
  | (NormalizedBase & { kind: 'unsupported'; problem: Problem })
  | (NormalizedBase & { kind: 'invalid'; problem: Problem });

export interface NormalizedRequest {
  queries: NormalizedQuery[];
  challenge?: string;
  domain?: string;
  interact?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Finds the VPR inside the wrappers it arrives in: a CHAPI get() argument
 * `{web: {VerifiablePresentation}}`, `{VerifiablePresentation}`, an exchange
 * message `{verifiablePresentationRequest}`, or the bare VPR.
 */
export function unwrapRequest(request: unknown): Record<string, unknown> {
  let current = request;
  for (let i = 0; i < 3 && isObject(current) && !('query' in current); i++) {
    if (isObject(current.web)) current = current.web;
    else if (isObject(current.VerifiablePresentation)) current = current.VerifiablePresentation;
    else if (isObject(current.verifiablePresentationRequest)) {
      current = current.verifiablePresentationRequest;
    } else break;
  }
  if (!isObject(current)) {
    throw namedError({
      name: 'DataError',
      message: 'The presentation request is not a JSON object.',
    });
  }
  return current;
}

const SUPPORTED_LATER: Record<string, string> = {
  AuthorizationCapabilityQuery:
    'The request asks for authorization capabilities (zcaps); this wallet cannot delegate them.',
  ZcapQuery:
    'The request asks for authorization capabilities (zcaps); this wallet cannot delegate them.',
  PresentationExchange:
    'The request uses a DIF Presentation Exchange definition, which this wallet does not answer.',
};

function readIssuers(cq: Record<string, unknown>): AcceptedIssuers | undefined {
  const ids: string[] = [];
  const notes: Problem[] = [];
  let present = false;
  if (cq.acceptedIssuers !== undefined) {
    present = true;
    const list = Array.isArray(cq.acceptedIssuers) ? cq.acceptedIssuers : [cq.acceptedIssuers];
    for (const entry of list) {
      if (typeof entry === 'string' && entry) ids.push(entry);
      else if (isObject(entry) && typeof entry.id === 'string') ids.push(entry.id);
      else if (isObject(entry) && entry.recognizedIn !== undefined) {
        notes.push({
          name: 'NotSupportedError',
          message:
            'The verifier accepts issuers recognised in a recognition credential; the wallet cannot check that, so it does not filter on it.',
        });
      } else {
        notes.push({ name: 'DataError', message: 'An acceptedIssuers entry is not readable.' });
      }
    }
  }
  // Older vp-request-spec form: trustedIssuer: [{required, issuer}].
  if (Array.isArray(cq.trustedIssuer)) {
    present = true;
    for (const entry of cq.trustedIssuer) {
      if (!isObject(entry) || typeof entry.issuer !== 'string') continue;
      if (entry.required === true) ids.push(entry.issuer);
      else {
        notes.push({
          name: 'NotSupportedError',
          message: `The verifier prefers issuer ${entry.issuer} but does not require it.`,
        });
      }
    }
  }
  return present ? { ids: [...new Set(ids)], notes } : undefined;
}

function readCredentialQuery(raw: unknown, index: number): NormalizedCredentialQuery | Problem {
  if (!isObject(raw)) {
    return { name: 'DataError', message: `credentialQuery ${index + 1} is not an object.` };
  }
  return {
    index,
    required: raw.required !== false,
    reason: typeof raw.reason === 'string' ? raw.reason : undefined,
    example: raw.example,
    hasExample: 'example' in raw,
    acceptedIssuers: readIssuers(raw),
    acceptedCryptosuites: readCryptosuites(raw.acceptedCryptosuites),
    acceptedEnvelopes: readEnvelopes(raw.acceptedEnvelopes),
    raw,
  };
}

function readQuery(raw: unknown, index: number): NormalizedQuery | NormalizedQuery[] {
  if (!isObject(raw)) {
    return {
      kind: 'invalid',
      index,
      type: 'unknown',
      required: true,
      problem: { name: 'DataError', message: `Query ${index + 1} is not an object.` },
    };
  }
  const type = typeof raw.type === 'string' ? raw.type : 'unknown';
  const base: NormalizedBase = {
    index,
    type,
    group: typeof raw.group === 'string' && raw.group ? raw.group : undefined,
    required: raw.required !== false,
  };
  if (type === 'QueryByExample') {
    const cqs = raw.credentialQuery;
    if (cqs === undefined || cqs === null) {
      return {
        ...base,
        kind: 'invalid',
        problem: { name: 'DataError', message: 'A QueryByExample has no credentialQuery.' },
      };
    }
    const list = Array.isArray(cqs) ? cqs : [cqs];
    if (list.length === 0 || list.length > LIMITS.credentialQueries) {
      return {
        ...base,
        kind: 'invalid',
        problem: {
          name: 'DataError',
          message: `A QueryByExample must have 1 to ${LIMITS.credentialQueries} credential queries.`,
        },
      };
    }
    const credentialQueries: NormalizedCredentialQuery[] = [];
    for (const [i, cq] of list.entries()) {
      const read = readCredentialQuery(cq, i);
      if ('name' in read) return { ...base, kind: 'invalid', problem: read };
      credentialQueries.push(read);
    }
    return { ...base, kind: 'QueryByExample', credentialQueries };
  }
  if (type === 'DIDAuthentication') {
    return {
      ...base,
      kind: 'DIDAuthentication',
      acceptedMethods: readDidMethods(raw.acceptedMethods),
      acceptedCryptosuites: readCryptosuites(raw.acceptedCryptosuites) ?? [],
      acceptedEnvelopes: readEnvelopes(raw.acceptedEnvelopes) ?? [],
      rawAcceptedCryptosuites: raw.acceptedCryptosuites,
    };
  }
  if (type === 'DigitalCredentialQueryLanguage' || type === 'DCQLQuery') {
    const dcql = dcqlInVprQuery(raw);
    if (dcql === undefined) {
      return { ...base, kind: 'invalid', problem: { name: 'DataError', message: 'A DigitalCredentialQueryLanguage query carries no DCQL query.' } };
    }
    try {
      return queriesFromDcql({ dcql, startIndex: index }).map((q) => ({
        ...q,
        ...(base.group && !q.group ? { group: base.group } : {}),
        required: q.required && base.required,
      }));
    } catch (error) {
      return { ...base, kind: 'invalid', problem: { name: (error as Error).name, message: (error as Error).message } };
    }
  }
  const known = SUPPORTED_LATER[type];
  return {
    ...base,
    kind: 'unsupported',
    problem: {
      name: 'NotSupportedError',
      message: known ?? `The request contains a query of unknown type "${type}".`,
    },
  };
}

/**
 * Reads a presentation request of any shape in the wild into a list of typed
 * queries. Malformed or unsupported queries become entries, not exceptions;
 * only a request that is not an object or has no readable query list throws
 * (DataError).
 */
export function normalizeRequest({ request }: { request: unknown }): NormalizedRequest {
  const vpr = unwrapRequest(request);
  const { query } = vpr;
  if ((query === undefined || query === null) && ('dcql_query' in vpr || 'presentation_definition' in vpr)) {
    // an OID4VP authorization request: its nonce is the challenge, its client_id the domain
    return {
      queries: renumber(queriesFromAuthorizationRequest({ request: vpr })),
      challenge: typeof vpr.challenge === 'string' ? vpr.challenge : typeof vpr.nonce === 'string' ? vpr.nonce : undefined,
      domain: typeof vpr.domain === 'string' ? vpr.domain : typeof vpr.client_id === 'string' ? vpr.client_id : undefined,
    };
  }
  if (query === undefined || query === null) {
    throw namedError({ name: 'DataError', message: 'The presentation request has no "query".' });
  }
  const list = Array.isArray(query) ? query : [query];
  if (list.length === 0) {
    throw namedError({ name: 'DataError', message: 'The presentation request has an empty "query".' });
  }
  if (list.length > LIMITS.queries) {
    throw namedError({
      name: 'DataError',
      message: `The presentation request has more than ${LIMITS.queries} queries.`,
    });
  }
  const queries = renumber(list.flatMap((q, i) => readQuery(q, i)));
  if (queries.length > LIMITS.queries) {
    throw namedError({ name: 'DataError', message: `The presentation request has more than ${LIMITS.queries} queries.` });
  }
  return {
    queries,
    challenge: typeof vpr.challenge === 'string' ? vpr.challenge : undefined,
    domain: typeof vpr.domain === 'string' ? vpr.domain : undefined,
    interact: vpr.interact,
  };
}

/** Positions in the list are the indexes explanations use (a DCQL query may expand into several). */
function renumber(queries: NormalizedQuery[]): NormalizedQuery[] {
  return queries.map((q, index) => ({ ...q, index }));
}
