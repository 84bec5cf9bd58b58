// Approvals: the user's yes or no, asked in a window the background opens. Nothing leaves the
// wallet and nothing is stored before the answer.
import type { CardView, CredentialStatusView, CredentialSummary, CredentialVerificationView } from './credentials';
import type { ExchangeSource } from './exchange';
import type { Specs } from './spec';
import { array, boolean, empty, id, integer, object, optional, string } from './validate';

export type ApprovalKind = 'present' | 'accept' | 'pin';
export type ApprovalStatus = 'pending' | 'approved' | 'declined';

export interface Requester {
  /** The origin the wallet talks to (the exchange URL's). */
  exchangeOrigin: string;
  /** The page that started it, when one did. */
  pageOrigin?: string;
  /** Where the interaction URL pointed, when that is not the exchange's origin (a coordinator). */
  interactionOrigin?: string;
  source: ExchangeSource;
  /**
   * An OpenID4VP verifier, named honestly: `origin` — an unsigned redirect_uri: verifier, known
   * only by where the answer goes; `did` — a decentralized_identifier: verifier whose signed
   * request was checked against its DID's key.
   */
  verifier?: { protocol: 'oid4vp'; kind: 'origin' | 'did'; id: string; checked: boolean; clientId: string; nonConformant?: string[] };
}

/** One stored credential considered for a query, and why it fits or not. */
export interface CandidateView {
  credentialId: string;
  name: string;
  issuer?: string;
  fits: boolean;
  reasons: string[];
  /** Set when its last status check said revoked or suspended: offered only with this warning. */
  statusWarning?: string;
}

/** One query of the presentation request, in words. */
export interface QueryView {
  /** Stable key for selections: "2" for a whole query, "2.1" for a QueryByExample's second credentialQuery. */
  key: string;
  /** Position of the query in the request. */
  index: number;
  type: string;
  /** "Prove you control your DID", "A ProductCredential issued by …" */
  summary: string;
  reason?: string;
  required: boolean;
  group?: string;
  supported: boolean;
  candidates: CandidateView[];
  /** Why nothing fits, when nothing does. */
  noMatch?: string;
}

export interface OfferedCredentialView {
  index: number;
  summary: CredentialSummary;
  verification: CredentialVerificationView;
  /** Its credentialStatus, checked before asking. */
  status?: CredentialStatusView;
  /** Its card (the issuer's design only for a credential that verified). */
  card?: CardView;
  /** Verified proof and issuer; an expired one is storable with its warning. */
  storable: boolean;
  preselected: boolean;
  /** Why it cannot be stored, in words. */
  problem?: string;
}

export interface ApprovalView {
  id: string;
  exchangeId: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  createdAt: string;
  requester: Requester;
  /** present: what is asked */
  reason?: string;
  queries?: QueryView[];
  holderDid?: string;
  cryptosuite?: string;
  challenge?: string;
  domain?: string;
  /** Set when the request's domain is not the origin the wallet is talking to. */
  domainWarning?: string;
  /** Why the wallet cannot answer as asked (Approve is then unavailable; Decline still works). */
  blockers?: string[];
  /** accept: what is offered */
  offered?: OfferedCredentialView[];
  /** pin: the transaction code an OID4VCI issuer sent the user (by mail, SMS…), as the issuer describes it */
  txCode?: { inputMode: 'numeric' | 'text'; length?: number; description?: string; issuer: string; issuerName?: string };
}

export interface ApprovalAnswer {
  id: string;
  approve: boolean;
  /** present: chosen credential ids per query key */
  selections?: { key: string; credentialIds: string[] }[];
  /** accept: indices of the offered credentials to store */
  accept?: number[];
  /** pin: the transaction code typed */
  txCode?: string;
}

export interface ApprovalProtocol {
  getApproval(data: { id: string }): ApprovalView;
  listApprovals(data?: undefined): ApprovalView[];
  answerApproval(data: ApprovalAnswer): ApprovalView;
  /** Bring the approval's window to the front (opening it again if it was lost). */
  showApproval(data: { id: string }): { shown: boolean };
}

export const approvalSpecs: Specs<ApprovalProtocol> = {
  getApproval: { access: 'extension', parse: object({ id: id() }) },
  listApprovals: { access: 'extension', parse: empty() },
  showApproval: { access: 'extension', parse: object({ id: id() }) },
  answerApproval: {
    access: 'extension',
    parse: object({
      id: id(),
      approve: boolean(),
      selections: optional(
        array(object({ key: string({ min: 1, max: 20 }), credentialIds: array(id(), { max: 50 }) }), { max: 100 }),
      ),
      accept: optional(array(integer({ max: 1000 }), { max: 1000 })),
      txCode: optional(string({ min: 1, max: 64 })),
    }),
  },
};
