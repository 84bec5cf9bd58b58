// Asking the user, and acting on the answer. A request becomes a "present" approval; offered
// credentials become an "accept" approval (each verified first). The answer turns into the
// step machine's next input: a signed VP, a decline, or "continue" after storing.
import { createPresentation, signPresentation } from '../crypto';
import type { ExchangeInput } from '../vcalm/events';
import { domainMatches } from '../vcalm/events';
import type { ApprovalView, Requester } from '../messaging';
import { namedError } from '../messaging/errors';
import type { WalletContext } from './context';
import { credentialsInPresentations, verifyOffer } from './offers';
import type { ApprovalRecord, CredentialRecord, ExchangeRecord } from './records';
import { buildPresentApproval } from './request-view';
import { storeCredential } from './credential-store';

export function approvalIdFor(record: ExchangeRecord): string | undefined {
  const kind = record.state.status === 'request' ? 'present' : record.state.status === 'credentials' ? 'accept' : undefined;
  return kind ? `${record.id}.${record.state.seq}.${kind}` : undefined;
}

function requesterOf(record: ExchangeRecord): Requester {
  const url = record.state.exchangeUrl ?? record.state.interactionUrl;
  return {
    exchangeOrigin: new URL(url).origin,
    ...(record.pageOrigin ? { pageOrigin: record.pageOrigin } : {}),
    source: record.source,
  };
}

/** Build the approval the record's state waits for (verifying offered credentials first). */
export async function createApproval({ ctx, record }: { ctx: WalletContext; record: ExchangeRecord }): Promise<ApprovalRecord> {
  const id = approvalIdFor(record);
  if (!id) throw namedError({ name: 'InvalidStateError', message: `Exchange ${record.id} is not waiting for an answer.` });
  const now = (ctx.now?.() ?? new Date());
  const requester = requesterOf(record);
  const common = { id, exchangeId: record.id, status: 'pending' as const, createdAt: now.toISOString(), requester };
  if (record.state.status === 'request') {
    const request = record.state.request ?? {};
    const repos = await ctx.repos;
    const [key, credentials] = await Promise.all([ctx.key(), repos.credentials.list()]);
    const domain = typeof request.domain === 'string' ? request.domain : undefined;
    const plan = buildPresentApproval({
      request,
      credentials,
      did: key.did,
      requester,
      domainMatchesOrigin: domain ? safeDomainMatch(domain, requester.exchangeOrigin) : undefined,
    });
    const view: ApprovalView = { ...plan.view, ...common, kind: 'present' };
    return { id, exchangeId: record.id, view, request, createdAt: common.createdAt };
  }
  const offered = await Promise.all(
    credentialsInPresentations({ presentations: record.state.offered ?? [] }).map((credential) =>
      verifyOffer({ credential, verify: ctx.verify, now }),
    ),
  );
  const view: ApprovalView = {
    ...common,
    kind: 'accept',
    offered: offered.map((o, index) => ({
      index,
      summary: o.summary,
      verification: o.verification,
      storable: o.storable,
      preselected: o.storable && o.verification.validity === 'valid',
      ...(o.problem ? { problem: o.problem } : {}),
    })),
  };
  return { id, exchangeId: record.id, view, offered, createdAt: common.createdAt };
}

function safeDomainMatch(domain: string, origin: string): boolean {
  try {
    return domainMatches({ domain, origin });
  } catch {
    return false;
  }
}

/**
 * Carry out an answered approval. Idempotent: a restarted worker may run it again for an
 * approval whose answer was saved but whose effect was not (credential ids are content hashes;
 * nothing is posted twice because the step machine checkpoints before every POST).
 */
export async function inputForAnswer({ ctx, record, approval }: {
  ctx: WalletContext;
  record: ExchangeRecord;
  approval: ApprovalRecord;
}): Promise<{ record: ExchangeRecord; input: ExchangeInput }> {
  const answer = approval.answer;
  if (!answer) throw namedError({ name: 'InvalidStateError', message: 'The approval has not been answered.' });
  if (approval.view.kind === 'present') {
    if (!answer.approve) return { record, input: { type: 'decline', reason: 'the user declined' } };
    return { record, input: { type: 'presentation', verifiablePresentation: await presentation({ ctx, approval }) } };
  }
  if (!answer.approve) {
    return { record: { ...record, notes: [...record.notes, 'You declined the offered credentials; nothing was stored.'] }, input: { type: 'continue' } };
  }
  const chosen = new Set(answer.accept ?? []);
  const stored: string[] = [];
  for (const [index, offer] of (approval.offered ?? []).entries()) {
    if (!chosen.has(index) || !offer.storable) continue;
    const saved = await storeCredential({ ctx, offer, exchangeId: record.id });
    stored.push(saved.id);
  }
  const skipped = (approval.offered ?? []).filter((o) => !o.storable).length;
  const notes = skipped ? [...record.notes, `${skipped} offered credential(s) failed verification and were not stored.`] : record.notes;
  return {
    record: { ...record, notes, credentialIds: [...new Set([...record.credentialIds, ...stored])] },
    input: { type: 'continue' },
  };
}

async function presentation({ ctx, approval }: { ctx: WalletContext; approval: ApprovalRecord }) {
  const view = approval.view;
  if (view.blockers?.length) {
    throw namedError({ name: 'NotSupportedError', message: `The wallet cannot answer this request: ${view.blockers.join(' ')}` });
  }
  const request = approval.request ?? {};
  const challenge = typeof request.challenge === 'string' ? request.challenge : undefined;
  if (!challenge) throw namedError({ name: 'DataError', message: 'The request has no challenge; nothing was signed.' });
  // Only credentials the approval offered as fitting for that query may be chosen.
  const allowed = new Map((view.queries ?? []).map((q) => [q.key, new Set(q.candidates.filter((c) => c.fits).map((c) => c.credentialId))]));
  const ids = new Set<string>();
  for (const selection of approval.answer?.selections ?? []) {
    for (const id of selection.credentialIds) {
      if (!allowed.get(selection.key)?.has(id)) {
        throw namedError({ name: 'NotAllowedError', message: `Credential ${id} was not offered for query ${selection.key}.` });
      }
      ids.add(id);
    }
  }
  const missing = (view.queries ?? []).filter((q) => q.required && q.candidates.length && !(approval.answer?.selections ?? []).some((s) => s.key === q.key && s.credentialIds.length));
  if (missing.length) {
    throw namedError({ name: 'DataError', message: `Choose a credential for: ${missing.map((q) => q.summary).join('; ')}.` });
  }
  const repos = await ctx.repos;
  const credentials: CredentialRecord[] = [];
  for (const id of ids) {
    const found = await repos.credentials.get(id);
    if (!found) throw namedError({ name: 'NotFoundError', message: `Credential ${id} is no longer in the wallet.` });
    credentials.push(found);
  }
  const key = await ctx.key();
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
