// The answer: `vp_token` (+ `presentation_submission` for Presentation Exchange, + `state`) sent by
// direct_post to the response URI. Which DCQL query / input descriptor each credential answers is
// decided by utils/query, the engine that matched the request for the approval window.
import { matchRequest, type QueryByExampleExplanation } from '../query';
import { namedError } from '../errors';
import { checkEndpointUrl } from '../vcalm/url-policy';
import { sendOid4vp } from './http';
import type { StepContext } from './resolve';
import type { Oid4vpState } from './state';
import { withExpandedTypes } from './expand-types';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function credentialsOf(vp: Record<string, unknown>): unknown[] {
  const vcs = vp.verifiableCredential;
  return vcs === undefined ? [] : Array.isArray(vcs) ? vcs : [vcs];
}

/** For each query of the request's chosen alternative: which credentials of the VP answer it. */
async function answers(request: Record<string, unknown>, vp: Record<string, unknown>) {
  const credentials = await withExpandedTypes({ credentials: credentialsOf(vp).map((credential, i) => ({ id: String(i), credential })) });
  // the VP is already signed: what the verifier's accepted suites are checked against is its proof's
  // suite (eddsa-rdfc-2022 by the primary key, ecdsa-rdfc-2019 by the second, P-256 holder key)
  const suites = [vp.proof].flat().filter(isObject).map((p) => String(p.cryptosuite ?? p.type ?? '')).filter(Boolean);
  const match = matchRequest({ request, credentials, ...(suites.length ? { wallet: { cryptosuites: suites } } : {}) });
  if (!match.satisfiable) {
    const blockers = match.alternatives[match.chosenAlternative]?.blockers ?? [];
    throw namedError({ name: 'DataError', message: `The presentation does not answer the verifier's query: ${blockers.join(' ') || 'nothing fits'}. Nothing was sent.` });
  }
  const chosen = new Set(match.alternatives[match.chosenAlternative].queryIndexes);
  return match.queries
    .filter((q): q is QueryByExampleExplanation => q.kind === 'QueryByExample' && chosen.has(q.index))
    .map((q) => ({ query: q, indexes: q.credentialQueries[0].matches.map((m) => Number(m.credentialId)) }))
    .filter((a) => a.indexes.length > 0);
}

/** The form fields of the answer. */
export async function buildResponse({ state, vp }: { state: Oid4vpState; vp: Record<string, unknown> }): Promise<Record<string, string>> {
  const request = state.request!;
  const ar = state.authorizationRequest!;
  const form: Record<string, string> = {};
  if (ar.dcql_query !== undefined) {
    // DCQL (1.0): {"<credential query id>": [VP]}. One signed VP answers every query it holds a
    // credential for (the approval signs one presentation); it is listed under each such id.
    const token: Record<string, unknown[]> = {};
    for (const { query } of await answers(request, vp)) if (query.dcqlId) token[query.dcqlId] = [vp];
    if (!Object.keys(token).length) throw namedError({ name: 'DataError', message: 'The presentation answers none of the DCQL queries; nothing was sent.' });
    form.vp_token = JSON.stringify(token);
  } else {
    // Presentation Exchange (drafts): the VP, and a submission mapping each input descriptor to its credential
    const definition = isObject(ar.presentation_definition) ? ar.presentation_definition
      : typeof ar.presentation_definition === 'string' ? JSON.parse(ar.presentation_definition) : {};
    const descriptors = Array.isArray(definition.input_descriptors) ? definition.input_descriptors : [];
    const descriptorMap = (await answers(request, vp)).flatMap(({ query, indexes }) => {
      const descriptor = descriptors[query.index];
      return isObject(descriptor) ? [{
        id: String(descriptor.id), format: 'ldp_vp', path: '$',
        path_nested: { id: String(descriptor.id), format: 'ldp_vc', path: `$.verifiableCredential[${indexes[0]}]` },
      }] : [];
    });
    form.vp_token = JSON.stringify(vp);
    form.presentation_submission = JSON.stringify({
      id: globalThis.crypto.randomUUID(), definition_id: String(definition.id ?? ''), descriptor_map: descriptorMap,
    });
  }
  if (typeof ar.state === 'string') form.state = ar.state;
  return form;
}

/** Posts the answer; the verifier's `redirect_uri` (if any) becomes the completion's redirectUrl. */
export async function sendResponse({ state, form, ctx }: { state: Oid4vpState; form: Record<string, string>; ctx: StepContext }): Promise<void> {
  const url = state.exchangeUrl!;
  const seq = state.pending!.seq;
  const reply = await sendOid4vp({
    fetch: ctx.fetch, method: 'POST', url, form, accept: 'application/json',
    kind: 'oid4vp-response', exchangeId: state.id, seq, onMessage: ctx.onMessage, limits: state.limits,
    deadline: state.deadline, signal: ctx.signal,
  });
  state.steps++;
  state.presented++;
  const redirect = isObject(reply.body) ? reply.body.redirect_uri : undefined;
  if (typeof redirect === 'string' && redirect) {
    try {
      state.redirectUrl = checkEndpointUrl({ url: redirect, what: 'redirect_uri', privateNetwork: state.privateNetwork !== false }).href;
    } catch (error) {
      state.warnings.push(`The verifier's redirect_uri was not offered: ${(error as Error).message}`);
    }
  }
}
