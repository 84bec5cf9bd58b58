// What the wallet keeps, on top of utils/db's records: an exchange also knows where it came
// from and what it stored; an approval's payload holds its view and what it needs to act.
import type { CredentialStatusResult, CredentialVerification } from '../crypto';
import type { ApprovalRecord, ExchangeRecord } from '../db';
import type { AnyExchangeState } from './protocol-engine';
import type { ApprovalView, CardView, CredentialSummary, CredentialVerificationView, ExchangeSource } from '../messaging';

export interface WalletExchange extends ExchangeRecord {
  /** The protocol engine's state (utils/vcalm, utils/oid4vci, …), saved after every step. */
  state: AnyExchangeState;
  source: ExchangeSource;
  /** The approval this exchange waits for, when it waits. */
  approvalId?: string;
  /**
   * The window its approvals step through when it is not its own: the CHAPI request that
   * started it (consent, then this exchange's questions, in one window). Absent: its own id.
   */
  windowKey?: string;
  /** Record ids of the credentials this exchange stored. */
  credentialIds: string[];
  /** Wallet-side outcome notes ("You declined the offered credentials; nothing was stored."). */
  notes: string[];
}

export interface OfferedCredential {
  /** The id utils/db will store it under. */
  recordId: string;
  credential: Record<string, unknown>;
  summary: CredentialSummary;
  result: CredentialVerification;
  verification: CredentialVerificationView;
  /** Its credentialStatus, checked on receipt (kept with the credential when accepted). */
  status?: CredentialStatusResult;
  /** Its card, drawn before asking. */
  card?: CardView;
  storable: boolean;
  problem?: string;
}

export interface ApprovalPayload {
  /** What the approval window shows (status is derived from the decision). */
  view: ApprovalView;
  /** present: the request as received, to sign against */
  request?: Record<string, unknown>;
  /** accept: the verified offer */
  offered?: OfferedCredential[];
}

export type WalletApproval = ApprovalRecord & { payload: ApprovalPayload };

/** The approval window an exchange's questions show in: the CHAPI request's that started it, else its own. */
export function windowKeyOf(record: Pick<WalletExchange, 'id' | 'windowKey'>): string {
  return record.windowKey ?? record.id;
}

export function approvalView(record: ApprovalRecord): ApprovalView {
  const { view } = record.payload as ApprovalPayload;
  const status = record.decision ? (record.decision.approved ? 'approved' : 'declined') : 'pending';
  return { ...view, status };
}
