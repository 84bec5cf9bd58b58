// What the wallet does with offered credentials before asking (exchange offers and CHAPI
// store() alike): verify each, check the status of the ones that verified, and draw their card
// (a credential that did not verify never makes the wallet fetch its template). One view shape.
import type { ApprovalView, OfferedCredentialView, Requester } from '../messaging';
import type { WalletContext } from './context';
import { cardFor } from './card-templates';
import { statusCheckerFor, statusView } from './credential-status';
import { verifyOffer } from './offers';
import type { OfferedCredential } from './records';

export async function checkOffers({ ctx, credentials, now }: { ctx: WalletContext; credentials: unknown[]; now: Date }): Promise<OfferedCredential[]> {
  const checker = statusCheckerFor(ctx);
  return Promise.all(
    credentials.map(async (credential) => {
      const offer = await verifyOffer({ credential, verify: ctx.verify, now });
      const card = await cardFor({ ctx, credential: offer.credential, fetchTemplates: offer.storable });
      if (!offer.storable) return { ...offer, card };
      const status = await checker.check({ credential: offer.credential });
      if (status.state === 'none') return { ...offer, card };
      if (status.state === 'revoked' || status.state === 'suspended') {
        offer.verification.warnings.unshift(`${statusView({ result: status }).summary}.`);
      }
      offer.verification.warnings = offer.verification.warnings.filter((w) => !w.startsWith('credentialStatus'));
      return { ...offer, status, card };
    }),
  );
}

/** The approval window's view of one checked offer: revoked or suspended ones are not preselected. */
export function offeredView(o: OfferedCredential, index: number): OfferedCredentialView {
  const blocked = o.status?.state === 'revoked' || o.status?.state === 'suspended';
  return {
    index,
    summary: o.summary,
    verification: o.verification,
    ...(o.status ? { status: statusView({ result: o.status }) } : {}),
    ...(o.card ? { card: o.card } : {}),
    storable: o.storable,
    preselected: o.storable && o.verification.validity === 'valid' && !blocked,
    ...(o.problem ? { problem: o.problem } : {}),
  };
}

/**
 * The "accept" approval's view, for an exchange's offer and a page's store() alike: who offers,
 * and each checked offer. (The caller adds id, exchangeId, status and time.)
 */
export function acceptApprovalView({ offered, requester, reason }: {
  offered: OfferedCredential[];
  requester: Requester;
  reason?: string;
}): Pick<ApprovalView, 'kind' | 'requester' | 'reason' | 'offered'> {
  return { kind: 'accept', requester, ...(reason ? { reason } : {}), offered: offered.map(offeredView) };
}

/** After the user kept them: each stored credential's status result is kept with it. */
export async function keepStatuses({ ctx, stored }: { ctx: WalletContext; stored: { id: string; offer: OfferedCredential }[] }): Promise<void> {
  const db = await ctx.db;
  for (const { id, offer } of stored) if (offer.status) await db.statusChecks.put({ credentialId: id, result: offer.status });
}
