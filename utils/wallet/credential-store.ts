// Keeping credentials. A credential's wallet id is a hash of its content, so storing the same
// credential twice (a retried step, a resumed worker) keeps one copy.
import type { WalletContext } from './context';
import type { CredentialRecord, OfferedCredential } from './records';

export async function credentialId({ credential }: { credential: unknown }): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(credential));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `cred-${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function storeCredential({ ctx, offer, exchangeId }: {
  ctx: WalletContext;
  offer: OfferedCredential;
  exchangeId?: string;
}): Promise<CredentialRecord> {
  if (!offer.storable) throw new TypeError('"offer" must be a verified, storable credential.');
  const repos = await ctx.repos;
  const id = await credentialId({ credential: offer.credential });
  const existing = await repos.credentials.get(id);
  if (existing) return existing;
  const record: CredentialRecord = {
    id,
    credential: offer.credential,
    summary: offer.summary,
    verification: offer.verification,
    storedAt: (ctx.now?.() ?? new Date()).toISOString(),
    ...(exchangeId ? { exchangeId } : {}),
  };
  await repos.credentials.put(record);
  ctx.events.emit({ type: 'credentials' });
  return record;
}
