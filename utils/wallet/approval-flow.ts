// Asking the user, and acting on the answer. A request becomes a "present" approval; offered
// credentials become an "accept" approval (each verified first); an OID4VCI offer that needs a
// transaction code becomes a "pin" approval. The answer turns into the step machine's next input:
// a signed VP, a decline, the PIN, or "continue" after storing.
import { createPresentation, keyCurveOf, signPresentation, SUITES_BY_CURVE, type WalletKey } from '../crypto';
import type { CredentialSource, StoredCredential } from '../db';
import { domainMatches } from '../vcalm';
import { isOid4vpState, usesDcql, withExpandedTypes, type Oid4vpState } from '../oid4vp';
import type { AnyExchangeInput } from './protocol-engine';
import type { ApprovalAnswer, Requester } from '../messaging';
import { namedError } from '../messaging/errors';
import { holderKeysOf, type WalletContext } from './context';
import { credentialsInPresentations } from './offers';
import { approvalView, type ApprovalPayload, type WalletApproval, type WalletExchange } from './records';
import { buildPresentApproval, type PresentPlan } from './request-view';
import { statusCheckerFor, warnRevokedCandidates } from './credential-status';
import { acceptApprovalView, checkOffers, keepStatuses } from './offer-checks';
import { settingsOf } from './settings';

export function approvalIdFor(record: WalletExchange): string | undefined {
  const status = record.state.status;
  const kind = status === 'request' ? 'present' : status === 'credentials' ? 'accept' : status === 'pin' ? 'pin' : undefined;
  return kind ? `${record.id}.${record.state.seq}.${kind}` : undefined;
}

function requesterOf(record: WalletExchange): Requester {
  const exchangeOrigin = record.state.exchangeUrl ? new URL(record.state.exchangeUrl).origin : record.state.origin;
  const firstInteractionUrl = record.state.interactionUrls[0] ?? record.state.interactionUrl;
  // started from an exchange URL (CHAPI): no interaction URL, so no separate interaction origin
  const interactionOrigin = firstInteractionUrl ? new URL(firstInteractionUrl).origin : exchangeOrigin;
  const verifier = isOid4vpState(record.state) ? (record.state as Oid4vpState).verifier : undefined;
  return {
    exchangeOrigin,
    ...(record.pageOrigin ? { pageOrigin: record.pageOrigin } : {}),
    ...(interactionOrigin !== exchangeOrigin ? { interactionOrigin } : {}),
    source: record.source,
    ...(verifier ? {
      verifier: {
        protocol: 'oid4vp' as const, kind: verifier.kind, id: verifier.id, checked: verifier.checked, clientId: verifier.clientId,
        ...(verifier.nonConformant.length ? { nonConformant: [...verifier.nonConformant] } : {}),
      },
    } : {}),
  };
}

function safeDomainMatch(domain: string, origin: string): boolean {
  try {
    return domainMatches({ domain, origin });
  } catch {
    return false;
  }
}

/**
 * A presentation bound to a `domain` that is neither the exchange service's origin nor the page
 * that started the exchange is a ready relay: whoever asked could replay it at that domain.
 * Refused (nothing signed, nothing sent) unless the developer setting allows it; then the
 * approval shows the domain warning in red.
 */
export async function refuseForeignDomain({ ctx, domain, requester }: {
  ctx: Pick<WalletContext, 'settings'>;
  domain: string;
  requester: Pick<Requester, 'exchangeOrigin' | 'pageOrigin'>;
}): Promise<void> {
  if ((await settingsOf(ctx)).allowForeignDomain) return;
  const names = [requester.pageOrigin, requester.exchangeOrigin].filter((o, i, all): o is string => !!o && all.indexOf(o) === i);
  throw namedError({
    name: 'NotAllowedError',
    message: `The request asks for a presentation bound to "${domain.slice(0, 200)}", which is not ${names.join(' nor ')}: ` +
      'the wallet does not sign presentations meant for another site. Nothing was signed or sent.',
  });
}

/** Build and save the approval the exchange waits for (verifying offered credentials first). */
export async function createApproval({ ctx, record }: { ctx: WalletContext; record: WalletExchange }): Promise<WalletApproval> {
  const id = approvalIdFor(record);
  if (!id) throw namedError({ name: 'InvalidStateError', message: `Exchange ${record.id} is not waiting for an answer.` });
  const now = ctx.now?.() ?? new Date();
  const requester = requesterOf(record);
  const common = { id, exchangeId: record.id, status: 'pending' as const, createdAt: now.toISOString(), requester };
  const db = await ctx.db;
  let payload: ApprovalPayload;
  const state = record.state;
  if (state.status === 'pin' && 'protocol' in state && state.protocol === 'oid4vci') {
    const spec = state.txCode ?? {};
    payload = {
      view: {
        ...common,
        kind: 'pin',
        txCode: {
          inputMode: spec.input_mode === 'text' ? 'text' : 'numeric',
          ...(spec.length ? { length: spec.length } : {}),
          ...(spec.description ? { description: spec.description } : {}),
          issuer: state.issuer?.credentialIssuer ?? state.origin,
          ...(state.issuer?.name ? { issuerName: state.issuer.name } : {}),
        },
      },
    };
  } else if (state.status === 'request' && 'request' in state) {
    const request = state.request ?? {};
    const [keys, stored] = await Promise.all([holderKeysOf(ctx)(), db.credentials.list()]);
    // DCQL names expanded type IRIs: let the dcql library decide with the credentials' expanded types
    const credentials = usesDcql(request) ? await withExpandedTypes({ credentials: stored }) : stored;
    const domain = typeof request.domain === 'string' ? request.domain : undefined;
    // an OID4VP request's domain is its client_id, bound by the protocol, not an origin to compare
    const domainMatchesOrigin = domain && !requester.verifier
      ? safeDomainMatch(domain, requester.exchangeOrigin) || (!!requester.pageOrigin && safeDomainMatch(domain, requester.pageOrigin))
      : undefined;
    if (domainMatchesOrigin === false) await refuseForeignDomain({ ctx, domain: domain!, requester });
    const plan = presentPlanForKeys({ request, credentials, keys, requester, domainMatchesOrigin });
    const queries = await warnRevokedCandidates({ checker: statusCheckerFor(ctx), queries: plan.view.queries, credentials });
    payload = { view: { ...plan.view, ...(queries ? { queries } : {}), ...common, kind: 'present' }, request };
  } else {
    const offered = await checkOffers({
      ctx,
      credentials: credentialsInPresentations({ presentations: ('offered' in state ? state.offered : undefined) ?? [] }),
      now,
    });
    payload = { view: { ...common, ...acceptApprovalView({ offered, requester }) }, offered };
  }
  return (await db.approvals.create({
    id,
    kind: payload.view.kind === 'present' ? 'presentation' : payload.view.kind === 'pin' ? 'tx-code' : 'credentials',
    exchangeId: record.id,
    origin: requester.exchangeOrigin,
    ...(requester.pageOrigin ? { pageOrigin: requester.pageOrigin } : {}),
    payload,
  })) as WalletApproval;
}

/**
 * The user's answer as the credential ids it covers, checked against what the approval offered:
 * present → the chosen credentials (only ones listed as fitting their query; every required
 * query with candidates needs one); accept → the record ids of the chosen storable offers.
 */
export function decisionFor({ approval, answer }: { approval: WalletApproval; answer: ApprovalAnswer }): string[] {
  if (!answer.approve) return [];
  const { view, offered } = approval.payload;
  if (view.kind === 'pin') return [];
  if (view.kind === 'accept') {
    const chosen = new Set(answer.accept ?? []);
    return (offered ?? []).filter((o, i) => chosen.has(i) && o.storable).map((o) => o.recordId);
  }
  if (view.blockers?.length) {
    throw namedError({ name: 'NotSupportedError', message: `The wallet cannot answer this request: ${view.blockers.join(' ')}` });
  }
  const queries = view.queries ?? [];
  const ids = new Set<string>();
  for (const selection of answer.selections ?? []) {
    const query = queries.find((q) => q.key === selection.key);
    for (const id of selection.credentialIds) {
      if (!query?.candidates.some((c) => c.fits && c.credentialId === id)) {
        throw namedError({ name: 'NotAllowedError', message: `Credential ${id} was not offered for query ${selection.key}.` });
      }
      ids.add(id);
    }
  }
  const missing = queries.filter(
    (q) => q.required && q.candidates.some((c) => c.fits) &&
      !(answer.selections ?? []).some((s) => s.key === q.key && s.credentialIds.length),
  );
  if (missing.length) {
    throw namedError({ name: 'DataError', message: `Choose a credential for: ${missing.map((q) => q.summary).join('; ')}.` });
  }
  return [...ids];
}

/**
 * Carry out a decided approval. Idempotent: a restarted worker may run it again for an approval
 * whose decision was saved but whose effect was not (utils/db keeps one copy of a credential;
 * nothing is posted twice because the step machine checkpoints before every POST).
 */
export async function inputForDecision({ ctx, record, approval }: {
  ctx: WalletContext;
  record: WalletExchange;
  approval: WalletApproval;
}): Promise<{ record: WalletExchange; input: AnyExchangeInput }> {
  const decision = approval.decision;
  if (!decision) throw namedError({ name: 'InvalidStateError', message: 'The approval has not been answered.' });
  const view = approvalView(approval);
  if (view.kind === 'pin') {
    if (!decision.approved || !decision.txCode) return { record, input: { type: 'decline', reason: 'the user declined' } };
    return { record, input: { type: 'pin', txCode: decision.txCode } };
  }
  if (view.kind === 'present') {
    if (!decision.approved) return { record, input: { type: 'decline', reason: 'the user declined' } };
    const verifiablePresentation = await signedPresentation({ ctx, approval, credentialIds: decision.credentialIds ?? [] });
    return { record, input: { type: 'presentation', verifiablePresentation } };
  }
  if (!decision.approved) {
    return {
      record: { ...record, notes: [...record.notes, 'You declined the offered credentials; nothing was stored.'] },
      input: { type: 'continue' },
    };
  }
  const result = await storeChosenOffers({
    ctx,
    approval,
    credentialIds: decision.credentialIds ?? [],
    source: { kind: 'exchange', exchangeId: record.id, origin: view.requester.exchangeOrigin },
  });
  const stored = result.stored.map((c) => c.id);
  const notes = [...record.notes, ...result.notes];
  const failed = (approval.payload.offered ?? []).filter((o) => !o.storable).length;
  if (failed) notes.push(`${failed} offered credential(s) failed verification and were not stored.`);
  return {
    record: { ...record, notes, credentialIds: [...new Set([...record.credentialIds, ...stored])] },
    input: { type: 'continue' },
  };
}

/**
 * Store the offers of an "accept" approval that the user chose (storable ones only; utils/db keeps
 * one copy of each). One that cannot be stored becomes a note, the others are still stored.
 * The exchange runner and CHAPI's store() both come through here.
 */
export async function storeChosenOffers({ ctx, approval, credentialIds, source }: {
  ctx: WalletContext;
  approval: WalletApproval;
  credentialIds: string[];
  source: CredentialSource;
}): Promise<{ stored: StoredCredential[]; notes: string[] }> {
  const db = await ctx.db;
  const chosen = new Set(credentialIds);
  const stored: StoredCredential[] = [];
  const notes: string[] = [];
  for (const offer of approval.payload.offered ?? []) {
    if (!chosen.has(offer.recordId) || !offer.storable) continue;
    try {
      const saved = await db.credentials.put({ id: offer.recordId, credential: offer.credential, verification: offer.result, source });
      stored.push(saved.record);
      await keepStatuses({ ctx, stored: [{ id: saved.record.id, offer }] });
    } catch (error) {
      notes.push(`"${offer.summary.name}" was not stored: ${(error as Error).message}`);
    }
  }
  if (stored.length) ctx.events.emit({ type: 'credentials' });
  return { stored, notes };
}

/** Sign the VP a "present" approval was answered with: the chosen credentials, the request's challenge and domain. */
export async function signedPresentation({ ctx, approval, credentialIds }: {
  ctx: WalletContext;
  approval: WalletApproval;
  credentialIds: string[];
}): Promise<Record<string, unknown>> {
  const { view, request = {} } = approval.payload;
  const challenge = typeof request.challenge === 'string' && request.challenge ? request.challenge : undefined;
  if (!challenge) throw namedError({ name: 'DataError', message: 'The request has no challenge; nothing was signed.' });
  const db = await ctx.db;
  const credentials: StoredCredential[] = [];
  for (const id of credentialIds) {
    const found = await db.credentials.get({ id });
    if (!found) throw namedError({ name: 'NotFoundError', message: `Credential ${id} is no longer in the wallet; nothing was sent.` });
    credentials.push(found);
  }
  const key = keyForSuite({ keys: await holderKeysOf(ctx)(), cryptosuite: view.cryptosuite });
  const unsigned = createPresentation({
    holder: key.did,
    ...(credentials.length ? { verifiableCredential: credentials.map((c) => c.credential) } : {}),
  });
  const domain = typeof request.domain === 'string' && request.domain ? request.domain : undefined;
  return (await signPresentation({
    presentation: unsigned,
    key,
    challenge,
    ...(domain ? { domain } : {}),
    ...(view.cryptosuite ? { cryptosuite: view.cryptosuite } : {}),
  })) as Record<string, unknown>;
}

/**
 * The "present" approval for `request` over all the wallet's holder keys: the query matched with
 * every suite they sign with, and the view naming the DID that will sign. A request that accepts
 * only a suite the second (P-256) key makes is answered by that key. The exchange runner's
 * approvals and a page's CHAPI get() both come through here; signedPresentation() then picks the
 * same key from the view's cryptosuite.
 */
export function presentPlanForKeys({ request, credentials, keys, requester, domainMatchesOrigin }: {
  request: Record<string, unknown>;
  credentials: Parameters<typeof buildPresentApproval>[0]['credentials'];
  keys: WalletKey[];
  requester: Requester;
  domainMatchesOrigin?: boolean;
}): PresentPlan {
  const build = (did: string) => buildPresentApproval({ request, credentials, did, requester, domainMatchesOrigin, suites: suitesOfKeys(keys) });
  const plan = build(keys[0].did);
  const signer = keyForSuite({ keys, cryptosuite: plan.view.cryptosuite });
  // matched again as the signer, so the query texts ("… did:key:zDna… will sign") name it too
  return signer.did === keys[0].did ? plan : build(signer.did);
}

/** Every suite the wallet's keys sign with, the primary key's first. */
function suitesOfKeys(keys: WalletKey[]): string[] {
  return [...new Set(keys.flatMap((k) => SUITES_BY_CURVE[keyCurveOf({ key: k })]))];
}

/** The holder key that signs `cryptosuite` (the primary when it can, or when no suite is named). */
function keyForSuite({ keys, cryptosuite }: { keys: WalletKey[]; cryptosuite?: string }): WalletKey {
  if (!cryptosuite) return keys[0];
  return keys.find((k) => (SUITES_BY_CURVE[keyCurveOf({ key: k })] as readonly string[]).includes(cryptosuite)) ?? keys[0];
}
