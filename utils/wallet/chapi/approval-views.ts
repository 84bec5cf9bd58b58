// The approvals a CHAPI call becomes, in the wallet's own ApprovalView shape (so the wallet's
// approval window shows them): get() → "present", get() naming an exchange → consent to run it,
// store() → "accept". The requester's origins come from the frame, never from the request.
import { acceptApprovalView } from '../offer-checks';
import { checkDomain } from '../../chapi/origin';
import type { ChapiGetRequest } from '../../chapi/normalize-get';
import type { ExchangeTarget } from '../../chapi/exchange-target';
import type { ApprovalView, Requester } from '../../messaging';
import type { StoredCredential } from '../../db';
import type { OfferedCredential } from '../records';
import { presentPlanForKeys } from '../approval-flow';
import type { WalletKey } from '../../crypto';
import type { ChapiFrame } from './frame';

export type ApprovalBody = Omit<ApprovalView, 'id' | 'exchangeId' | 'status' | 'createdAt'>;

/** Who asks: the frame that gets the answer and, for an iframe, the page it is embedded in. */
function requesterFor(frame: ChapiFrame): Requester {
  return { exchangeOrigin: frame.origin, pageOrigin: frame.topOrigin ?? frame.origin, source: 'chapi' };
}

function pageNote(frame: ChapiFrame): string | undefined {
  return frame.topOrigin ? `Asked by a frame from ${frame.origin} inside the page ${frame.topOrigin}.` : undefined;
}

function domainWarning({ request, frame }: { request: ChapiGetRequest; frame: ChapiFrame }): string | undefined {
  const check = checkDomain({ domain: request.domain, origin: frame.origin });
  return check.status === 'mismatch' ? check.warning : undefined;
}

/**
 * get() answered by the wallet itself: sign a VP for the page, with whichever holder key signs a
 * suite the request accepts (the P-256 key for an ecdsa-rdfc-2019-only request; the approval
 * names that DID). `cannotSign`: the request's DID authentication accepts no method or suite
 * any of the wallet's keys has — a fact about the wallet, not about the user's credentials, so
 * the page may be told (NotSupportedError) without a window.
 */
export function presentView({ request, frame, credentials, keys }: {
  request: ChapiGetRequest;
  frame: ChapiFrame;
  credentials: StoredCredential[];
  keys: WalletKey[];
}): { body: ApprovalBody; cannotSign?: string } {
  const requester = requesterFor(frame);
  const vpr = { ...request.presentationRequest, query: request.queries };
  const plan = presentPlanForKeys({ request: vpr, credentials, keys, requester });
  const warning = domainWarning({ request, frame });
  const note = pageNote(frame);
  const view: ApprovalBody = { ...plan.view, requester };
  delete view.domainWarning;
  if (warning) view.domainWarning = warning;
  if (note) view.reason = view.reason ? `${view.reason} (${note})` : note;
  const didAuth = plan.match?.didAuth;
  const cannotSign = plan.match && !plan.match.satisfiable && didAuth?.required && didAuth.problem?.name === 'NotSupportedError'
    ? didAuth.problem.message
    : undefined;
  return { body: view, ...(cannotSign ? { cannotSign } : {}) };
}

/** What the consent says the exchange is, per protocol. */
const STARTS: Record<ExchangeTarget['protocol'], (origin: string) => string> = {
  vcapi: (origin) => `Start a credential exchange with ${origin}`,
  oid4vp: (origin) => `Answer an OpenID4VP presentation request from the verifier at ${origin}`,
  oid4vci: (origin) => `Receive a credential offered over OpenID4VCI by ${origin}`,
};

/**
 * get() naming an exchange: the user agrees to run it; each of its steps asks again (an OID4VP
 * verifier is named by its client_id in the next question, once its request is read).
 * `exchangeOrigin`: the first server it contacts (openid-target.ts). The query keeps the type
 * "VerifiableCredentialApiExchange" for every protocol: to the approval window it means "consent
 * to connect", whatever the protocol; the summary says which.
 */
export function exchangeConsentView({ request, frame, exchangeOrigin = new URL(request.exchange!.url).origin }: {
  request: ChapiGetRequest;
  frame: ChapiFrame;
  exchangeOrigin?: string;
}): ApprovalBody {
  const exchange = request.exchange!;
  const reasons = request.queries
    .flatMap((q) => {
      const cq = (q as { credentialQuery?: unknown }).credentialQuery;
      return Array.isArray(cq) ? cq : cq ? [cq] : [];
    })
    .map((cq) => (cq as { reason?: unknown }).reason)
    .filter((r): r is string => typeof r === 'string' && r.length > 0);
  const note = pageNote(frame);
  const reason = [reasons[0], note].filter(Boolean).join(' ');
  // For an exchange the domain may name the page or the exchange service (where proofs go).
  const forService = checkDomain({ domain: request.domain, origin: exchangeOrigin }).status === 'match';
  const warning = forService ? undefined : domainWarning({ request, frame });
  return {
    kind: 'present',
    requester: { exchangeOrigin, pageOrigin: frame.origin, source: 'chapi' },
    ...(reason ? { reason } : {}),
    queries: [{
      key: '0',
      index: 0,
      type: 'VerifiableCredentialApiExchange',
      summary: `${STARTS[exchange.protocol](exchangeOrigin)} (${exchange.via}). ` +
        'Nothing is signed or shared yet: every request it makes is shown to you first.',
      required: true,
      supported: true,
      candidates: [],
    }],
    // no holderDid: a consent signs nothing, and which key signs later depends on what the
    // exchange's own request accepts (its approval names the DID)
    ...(request.domain ? { domain: request.domain } : {}),
    ...(warning ? { domainWarning: warning } : {}),
  };
}

/** store(): the offered credentials, each with its verification result. */
export function acceptView({ offered, frame }: { offered: OfferedCredential[]; frame: ChapiFrame }): ApprovalBody {
  return acceptApprovalView({ offered, requester: requesterFor(frame), reason: pageNote(frame) });
}
