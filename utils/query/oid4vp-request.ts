// An OpenID4VP authorization request's queries, in the normalized form a VCALM request gets:
// `dcql_query` (1.0) through utils/query/dcql.ts; `presentation_definition` (drafts, DIF
// Presentation Exchange) through @digitalbazaar/oid4-client's conversion to QueryByExample, which
// reads the filter forms verifiers emit (const, enum, contains, allOf, pattern as a string); and the
// signature suites the verifier accepts for the presentation (`client_metadata`) as a
// DIDAuthentication query, so the suite is chosen the same way as for a VCALM request.
import { toVprLib } from '../openid-libs/presentation-exchange';
import { queriesFromDcql } from './dcql';
import { namedError } from './errors';
import { normalizeRequest, type NormalizedQuery } from './normalize-request';
import { readCryptosuites } from './names';

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

function readJson(value: unknown, what: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw namedError({ name: 'DataError', message: `The authorization request's "${what}" is not valid JSON.` });
  }
}

/** Suites the verifier accepts for the VP: 1.0 `vp_formats_supported.ldp_vc`, drafts' `vp_formats.ldp_vp`. */
export function acceptedVpSuites({ clientMetadata }: { clientMetadata: unknown }): string[] | undefined {
  const meta = readJson(clientMetadata, 'client_metadata');
  if (!isObject(meta)) return undefined;
  const found: unknown[] = [];
  const supported = isObject(meta.vp_formats_supported) ? meta.vp_formats_supported : undefined;
  const ldp = supported && isObject(supported.ldp_vc) ? supported.ldp_vc : undefined;
  if (ldp) {
    if (Array.isArray(ldp.cryptosuite_values)) found.push(...ldp.cryptosuite_values);
    if (Array.isArray(ldp.proof_type_values)) found.push(...ldp.proof_type_values.filter((t) => t !== 'DataIntegrityProof'));
  }
  const drafts = isObject(meta.vp_formats) ? meta.vp_formats : undefined;
  for (const key of ['ldp_vp', 'di_vp']) {
    const entry = drafts && isObject(drafts[key]) ? drafts[key] : undefined;
    if (entry && Array.isArray(entry.proof_type)) found.push(...entry.proof_type);
  }
  if (!found.length) return undefined;
  return readCryptosuites(found.filter((s) => typeof s === 'string').map((cryptosuite) => ({ cryptosuite })));
}

function fromPresentationDefinition(definition: unknown): NormalizedQuery[] {
  let converted: { verifiablePresentationRequest?: { query?: unknown } };
  const toVpr = toVprLib(); // outside the try: a library that cannot load is not a bad definition
  try {
    // toVpr converts a whole authorization request and checks its envelope; only the definition
    // is converted here (the wallet checks the envelope itself), so the envelope is a fixed, valid one.
    converted = toVpr({
      authorizationRequest: {
        response_type: 'vp_token', response_mode: 'direct_post', nonce: 'n',
        client_id: 'redirect_uri:https://wallet.invalid/', response_uri: 'https://wallet.invalid/',
        presentation_definition: definition,
      },
    });
  } catch (cause) {
    const detail = ((cause as Error)?.cause as Error | undefined)?.message ?? (cause as Error)?.message;
    throw namedError({ name: 'DataError', message: `The presentation definition cannot be read: ${detail}`, cause });
  }
  const query = converted.verifiablePresentationRequest?.query;
  if (!query) throw namedError({ name: 'DataError', message: 'The presentation definition asks for nothing.' });
  return normalizeRequest({ request: { query } }).queries.map((q) => ({ ...q, type: 'PresentationExchange' }));
}

/**
 * The queries of an OID4VP authorization request (DCQL preferred over a presentation definition
 * when both are present, as 1.0 has only DCQL). Throws DataError when neither can be read.
 */
export function queriesFromAuthorizationRequest({ request }: { request: Record<string, unknown> }): NormalizedQuery[] {
  let queries: NormalizedQuery[];
  if (request.dcql_query !== undefined) {
    queries = queriesFromDcql({ dcql: readJson(request.dcql_query, 'dcql_query') });
  } else if (request.presentation_definition !== undefined) {
    queries = fromPresentationDefinition(readJson(request.presentation_definition, 'presentation_definition'));
  } else {
    throw namedError({ name: 'DataError', message: 'The authorization request has neither "dcql_query" nor "presentation_definition".' });
  }
  const suites = acceptedVpSuites({ clientMetadata: request.client_metadata });
  if (suites?.length) {
    queries.push({
      index: queries.length,
      type: 'DIDAuthentication',
      kind: 'DIDAuthentication',
      required: true,
      acceptedMethods: [],
      acceptedCryptosuites: suites,
      acceptedEnvelopes: [],
    });
  }
  return queries;
}
