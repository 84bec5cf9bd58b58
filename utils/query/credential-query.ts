import { article, describeCredentialQuery, typeNames } from './describe';
import { dcqlMismatch } from './dcql';
import { matchExample } from './example-match';
import { credentialCryptosuites } from './names';
import type { NormalizedCredentialQuery } from './normalize-request';
import type {
  CandidateCredential,
  CredentialMatch,
  CredentialMismatch,
  CredentialQueryExplanation,
  Criterion,
} from './types';

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** The issuer id of a credential (`issuer` as a string or `{id}`). */
export function issuerId(credential: unknown): string | undefined {
  if (!isObject(credential)) return undefined;
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

/** The media type of an EnvelopedVerifiableCredential (`id: data:<type>,…`). */
function envelopeMediaType(credential: Record<string, unknown>): string | undefined {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('EnvelopedVerifiableCredential') || typeof credential.id !== 'string') {
    return undefined;
  }
  const match = /^data:([^,;]+)/i.exec(credential.id);
  return match?.[1].trim().toLowerCase();
}

type Check = { ok: true; warnings: string[] } | { ok: false; criterion: Criterion; path?: string; message: string };

function checkSecuring(cq: NormalizedCredentialQuery, credential: Record<string, unknown>): Check {
  const suites = cq.acceptedCryptosuites;
  const envelopes = cq.acceptedEnvelopes;
  if (!suites && !envelopes) return { ok: true, warnings: [] };
  const mediaType = envelopeMediaType(credential);
  if (mediaType) {
    return envelopes?.includes(mediaType)
      ? { ok: true, warnings: [] }
      : {
          ok: false,
          criterion: 'envelope',
          message: `It is enveloped as ${mediaType}; the request accepts ${
            envelopes ? envelopes.join(', ') : 'only embedded proofs'
          }.`,
        };
  }
  if (!suites) {
    return {
      ok: false,
      criterion: 'envelope',
      message: `The request accepts only enveloped credentials (${envelopes!.join(', ')}); this one has an embedded proof.`,
    };
  }
  const have = credentialCryptosuites(credential);
  if (!have.length) {
    return { ok: false, criterion: 'cryptosuite', message: 'It has no proof.' };
  }
  return have.some((s) => suites.includes(s))
    ? { ok: true, warnings: [] }
    : {
        ok: false,
        criterion: 'cryptosuite',
        message: `It is signed with ${have.join(', ')}; the request accepts ${suites.join(', ')}.`,
      };
}

function checkIssuer(cq: NormalizedCredentialQuery, credential: unknown): Check {
  const ids = cq.acceptedIssuers?.ids ?? [];
  if (!ids.length) return { ok: true, warnings: [] };
  const issuer = issuerId(credential);
  if (issuer && ids.includes(issuer)) return { ok: true, warnings: [] };
  return {
    ok: false,
    criterion: 'issuer',
    path: 'issuer',
    message: issuer
      ? `It is issued by ${issuer}; the request accepts ${ids.join(', ')}.`
      : `It names no issuer; the request accepts ${ids.join(', ')}.`,
  };
}

/** Warnings from the stored verification and from the validity dates at `now`. */
function verificationWarnings(candidate: CandidateCredential, now: Date): string[] {
  const v = candidate.verification;
  const c = isObject(candidate.credential) ? candidate.credential : {};
  const date = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : NaN);
  const until = date(c.validUntil ?? c.expirationDate);
  const from = date(c.validFrom ?? c.issuanceDate);
  const warnings: string[] = [];
  if (v?.verified === false) warnings.push('It did not pass verification.');
  if (v?.checks?.validity === 'expired' || until < now.getTime()) warnings.push('It has expired.');
  if (v?.checks?.validity === 'not-yet-valid' || from > now.getTime()) warnings.push('It is not valid yet.');
  return warnings;
}

function evaluate(
  cq: NormalizedCredentialQuery,
  candidate: CandidateCredential,
  strictContexts: boolean,
  now: Date,
): CredentialMatch | CredentialMismatch {
  const { credential } = candidate;
  const credentialId = candidate.id;
  if (cq.hasExample && cq.example === null) {
    return { credentialId, criterion: 'example', message: 'The request’s example is empty (null).' };
  }
  const example = matchExample({ example: cq.example, credential, strictContexts });
  if (cq.dcql && candidate.expandedTypes) {
    // DCQL with expanded types known: the reference library decides; the example only explains.
    const message = dcqlMismatch({ query: cq.dcql, credential, expandedTypes: candidate.expandedTypes });
    if (message) {
      return example.ok
        ? { credentialId, criterion: 'type', message }
        : { credentialId, criterion: example.criterion, path: example.path, message: example.message };
    }
    return { credentialId, warnings: [...(example.ok ? example.warnings : []), ...verificationWarnings(candidate, now)] };
  }
  if (!example.ok) {
    return { credentialId, criterion: example.criterion, path: example.path, message: example.message };
  }
  const record = credential as Record<string, unknown>;
  for (const check of [checkIssuer(cq, record), checkSecuring(cq, record)]) {
    if (!check.ok) {
      return { credentialId, criterion: check.criterion, path: check.path, message: check.message };
    }
  }
  return { credentialId, warnings: [...example.warnings, ...verificationWarnings(candidate, now)] };
}

const STAGE: Record<Criterion, number> = {
  credential: 0,
  type: 1,
  context: 2,
  example: 3,
  issuer: 4,
  cryptosuite: 5,
  envelope: 5,
};

/** "nothing fits because …", from the candidate that got furthest. */
function summarize(
  cq: NormalizedCredentialQuery,
  count: number,
  nonMatches: CredentialMismatch[],
): string {
  if (cq.hasExample && cq.example === null) return 'The request’s example is empty, so nothing can match.';
  if (count === 0) return 'You have no stored credentials.';
  const best = nonMatches.reduce((a, b) => (STAGE[b.criterion] > STAGE[a.criterion] ? b : a));
  if (best.criterion === 'credential') return 'None of your stored credentials could be read.';
  const types = typeNames(cq.example);
  if (best.criterion === 'type' && types.length) {
    const noun = count === 1 ? 'credential' : 'credentials';
    return `None of your ${count} ${noun} is ${article(types[0])} ${types.join(' + ')}.`;
  }
  const plural = count === 1 ? 'Your only credential does not fit' : `None of your ${count} credentials fits`;
  return `${plural}. Closest (${best.credentialId}): ${best.message}`;
}

/** Matches one credentialQuery entry against the wallet's credentials. */
export function matchCredentialQuery({
  query,
  credentials,
  strictContexts = false,
  now = new Date(),
}: {
  query: NormalizedCredentialQuery;
  credentials: CandidateCredential[];
  strictContexts?: boolean;
  now?: Date;
}): CredentialQueryExplanation {
  const matches: CredentialMatch[] = [];
  const nonMatches: CredentialMismatch[] = [];
  for (const candidate of credentials) {
    const result = evaluate(query, candidate, strictContexts, now);
    if ('criterion' in result) nonMatches.push(result);
    else matches.push(result);
  }
  return {
    index: query.index,
    required: query.required,
    reason: query.reason,
    description: describeCredentialQuery(query),
    matches,
    nonMatches,
    summary: matches.length ? undefined : summarize(query, credentials.length, nonMatches),
    notes: query.acceptedIssuers?.notes ?? [],
    raw: query.raw,
  };
}
