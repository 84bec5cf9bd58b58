// Every approval starts with one sentence a shopper understands, naming the site:
//   "shop.example wants to confirm this wallet is yours."
//   "verifier.example wants to see your Product authenticity credential."
//   "shop.example offers you a credential: Product authenticity for HB-2026-0042."
//   "Enter the code shop.example sent you to receive your credential." (an OpenID4VCI PIN)
// Pure: the approval window, the popup's banner and the tests read the same words.
import type { ApprovalView, QueryView } from './approvals';

/** "shop.example" for https://shop.example, "127.0.0.1:8080" with a port. */
export function siteName({ origin }: { origin: string }): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const credentialWord = (name: string) => (/credential$/i.test(name) ? name : `${name} credential`);

/** The credential names a present request would share, or what it asks for when nothing fits. */
function asked(queries: QueryView[]): { names: string[]; missing: number } {
  const names: string[] = [];
  let missing = 0;
  for (const q of queries) {
    if (q.type === 'DIDAuthentication' || q.type === 'VerifiableCredentialApiExchange') continue;
    const fit = q.candidates.find((c) => c.fits);
    if (fit) names.push(credentialWord(fit.name));
    else if (q.required) missing++;
  }
  return { names: [...new Set(names)], missing };
}

export function approvalSentence({ approval }: { approval: ApprovalView }): string {
  const { requester } = approval;
  const site = siteName({ origin: requester.pageOrigin ?? requester.exchangeOrigin });
  if (approval.kind === 'pin') {
    const issuer = approval.txCode?.issuerName ?? siteName({ origin: approval.txCode?.issuer ?? requester.exchangeOrigin });
    return `Enter the code ${issuer} sent you to receive your credential.`;
  }
  if (approval.kind === 'accept') {
    const offered = approval.offered ?? [];
    const names = offered.map((o) => (o.summary.about ? `${o.summary.name} for ${o.summary.about}` : o.summary.name));
    if (offered.length === 1) return `${site} offers you a credential: ${names[0]}.`;
    return `${site} offers you ${offered.length} credentials: ${list(names)}.`;
  }
  const queries = approval.queries ?? [];
  const connect = queries.find((q) => q.type === 'VerifiableCredentialApiExchange');
  if (connect) {
    const service = siteName({ origin: requester.exchangeOrigin });
    return service === site
      ? `${site} wants to start an exchange with this wallet. Nothing is shared yet.`
      : `${site} wants this wallet to talk to ${service}. Nothing is shared yet.`;
  }
  const { names, missing } = asked(queries);
  if (names.length) return `${site} wants to see your ${list(names)}.`;
  if (missing) return `${site} asks for a credential this wallet does not have.`;
  return `${site} wants to confirm this wallet is yours.`;
}
