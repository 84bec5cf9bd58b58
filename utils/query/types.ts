import type { Problem } from './errors';

/** A credential the wallet holds. StoredCredential from utils/db fits this shape. */
export interface CandidateCredential {
  id: string;
  credential: unknown;
  /** Verification saved with the credential; used only for warnings (expired …). */
  verification?: { verified?: boolean; checks?: { validity?: string } } | null;
  /** The credential's JSON-LD types expanded to IRIs, when known: DCQL queries are then decided by the dcql library. */
  expandedTypes?: string[];
}

/** What the wallet can answer a DIDAuthentication with. */
export interface WalletCapabilities {
  /** DID methods the wallet controls, without the `did:` prefix. Default ['key']. */
  didMethods?: string[];
  /** Signature suites the wallet can sign a VP with, in preference order. */
  cryptosuites?: string[];
  /** The DID that will sign (shown to the user). */
  did?: string;
}

/** Which requirement of a credential query a credential failed first. */
export type Criterion =
  | 'credential'
  | 'type'
  | 'context'
  | 'example'
  | 'issuer'
  | 'cryptosuite'
  | 'envelope';

export interface CredentialMatch {
  credentialId: string;
  /** e.g. "expired", "the credential uses other JSON-LD contexts than asked". */
  warnings: string[];
}

export interface CredentialMismatch {
  credentialId: string;
  criterion: Criterion;
  /** Dotted path of the failing field, when the failure is about one field. */
  path?: string;
  /** A sentence for the user: why this credential does not fit. */
  message: string;
}

/** One entry of a QueryByExample's credentialQuery (object form = one entry). */
export interface CredentialQueryExplanation {
  index: number;
  required: boolean;
  reason?: string;
  /** What is asked, in words. */
  description: string;
  matches: CredentialMatch[];
  nonMatches: CredentialMismatch[];
  /** When nothing matches: why nothing fits, in one sentence. */
  summary?: string;
  /** Requirements the wallet could not evaluate (e.g. acceptedIssuers.recognizedIn). */
  notes: Problem[];
  /** The credentialQuery as received (for an inspector view). */
  raw: unknown;
}

interface QueryBase {
  /** Position in the VPR's query list. */
  index: number;
  /** The DCQL credential query id (queries read from DCQL). */
  dcqlId?: string;
  /** The query's `type` as sent. */
  type: string;
  group?: string;
  required: boolean;
  /** Can this query be answered by the wallet (given `required`)? */
  satisfiable: boolean;
  description: string;
}

export interface QueryByExampleExplanation extends QueryBase {
  kind: 'QueryByExample';
  credentialQueries: CredentialQueryExplanation[];
}

export interface DidAuthExplanation extends QueryBase {
  kind: 'DIDAuthentication';
  /** Normalised method names without `did:` ([] = any). */
  acceptedMethods: string[];
  /** Normalised cryptosuite names ([] = not specified). */
  acceptedCryptosuites: string[];
  acceptedEnvelopes: string[];
  /** Whether the wallet can answer this query. */
  canAnswer: boolean;
  /** The suite the wallet would sign with, when it can answer. */
  cryptosuite?: string;
  /** Why the wallet cannot answer. */
  problem?: Problem;
}

/** Recognised but not supported (zcaps, DCQL) or unknown query types. */
export interface UnsupportedQueryExplanation extends QueryBase {
  kind: 'unsupported';
  problem: Problem;
}

/** A query the wallet could not read (malformed). */
export interface InvalidQueryExplanation extends QueryBase {
  kind: 'invalid';
  problem: Problem;
}

export type QueryExplanation =
  | QueryByExampleExplanation
  | DidAuthExplanation
  | UnsupportedQueryExplanation
  | InvalidQueryExplanation;

/** One way to satisfy the request: all required queries of a group (or of the whole request). */
export interface Alternative {
  group?: string;
  queryIndexes: number[];
  satisfiable: boolean;
  /** Why not, one sentence per blocking query. */
  blockers: string[];
}

/** The DID-auth answer for the chosen alternative. */
export interface DidAuthPlan {
  required: boolean;
  queryIndexes: number[];
  canAnswer: boolean;
  method: 'key';
  did?: string;
  /** The suite to sign with (satisfies every DID-auth query of the alternative). */
  cryptosuite?: string;
  problem?: Problem;
}

export interface MatchResult {
  queries: QueryExplanation[];
  alternatives: Alternative[];
  /** Index into `alternatives` of the first satisfiable one (or the first one). */
  chosenAlternative: number;
  satisfiable: boolean;
  didAuth?: DidAuthPlan;
  /** Every NotSupportedError / DataError met while reading the request. */
  unsupported: (Problem & { queryIndex: number })[];
  challenge?: string;
  domain?: string;
  /** With the `origin` option: does `domain` name the origin the wallet talks to? (undefined: no domain) */
  domainCheck?: { origin: string; matches: boolean | undefined };
  interact?: unknown;
}
