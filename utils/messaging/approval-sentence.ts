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

/**
 * What the approval window says between one answer and the next question of the same window:
 * "Contacting shop.example…" while the wallet talks to the service (after a yes to run an
 * exchange, or to one of its steps). Nothing when no next step is on its way.
 */
export function progressLine({ approval, exchange }: {
  approval: ApprovalView;
  exchange?: { status: string; exchangeOrigin: string };
}): string | undefined {
  if (approval.status !== 'approved') return undefined;
  if (exchange) return exchange.status === 'running' ? `Contacting ${siteName({ origin: exchange.exchangeOrigin })}…` : undefined;
  // a yes to a page's request to run an exchange: the exchange (not yet known to the window) starts now
  const connects = (approval.queries ?? []).some((q) => q.type === 'VerifiableCredentialApiExchange');
  return connects ? `Contacting ${siteName({ origin: approval.requester.exchangeOrigin })}…` : undefined;
}

/**
 * A query card's plain title, for the query kinds whose own summary is technical (a DID
 * authentication names the DID method and proof suites; a page's exchange names the protocol).
 * The summary stays one click away. Other queries read as their summary.
 */
export function plainQueryTitle({ query, requester }: { query: QueryView; requester: ApprovalView['requester'] }): string {
  if (query.type === 'DIDAuthentication') return 'Confirm this wallet is yours';
  if (query.type === 'VerifiableCredentialApiExchange') return `Connect to ${siteName({ origin: requester.exchangeOrigin })}`;
  return query.summary;
}

/** What approving a presentation request does, in one line (the approval window's intro). */
export function presentIntro({ approval }: { approval: ApprovalView }): string {
  const queries = approval.queries ?? [];
  if (queries.length && queries.every((q) => q.type === 'VerifiableCredentialApiExchange')) {
    return 'Approving lets the wallet contact this service. Nothing is signed or shared yet: every question it asks is shown to you first.';
  }
  // ecdsa-rdfc-2019 is signed only by the second holder key (P-256), picked because the request
  // accepts none of the primary key's suites: a different DID signs, so say so where it is seen
  const key = approval.cryptosuite === 'ecdsa-rdfc-2019'
    ? 'this wallet\'s second key (P-256, the only kind this request accepts)'
    : 'this wallet\'s key';
  return queries.some((q) => q.candidates.length)
    ? `Choose what to share. Approving signs it with ${key}, for this site only.`
    : `Approving signs a short proof with ${key}. Nothing else is shared.`;
}

/** The yes button: what it does ("Continue" for a consent to connect: nothing is sent yet). */
export function approveLabel({ approval }: { approval: ApprovalView }): string {
  if (approval.kind === 'accept') return 'Store selected';
  if (approval.kind === 'pin') return 'Continue';
  const connects = (approval.queries ?? []).some((q) => q.type === 'VerifiableCredentialApiExchange');
  return connects ? 'Continue' : 'Approve and send';
}
