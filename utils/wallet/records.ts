// What the wallet keeps per exchange, approval and credential. utils/db stores these; the
// services own their meaning.
import type { ExchangeState } from '../vcalm/state';
import type { ApprovalView, CredentialSummary, CredentialVerificationView, ExchangeSource } from '../messaging';

export interface ExchangeRecord {
  id: string;
  source: ExchangeSource;
  pageOrigin?: string;
  /** The step machine's state (utils/vcalm), saved after every step and before every POST. */
  state: ExchangeState;
  /** The approval this exchange waits for, when it waits. */
  approvalId?: string;
  credentialIds: string[];
  /** Wallet-side outcome notes ("Declined the offered credentials; nothing stored."). */
  notes: string[];
  createdAt: string;
  updatedAt: string;
}

export interface OfferedCredential {
  credential: Record<string, unknown>;
  summary: CredentialSummary;
  verification: CredentialVerificationView;
  storable: boolean;
  problem?: string;
}

export interface ApprovalRecord {
  id: string;
  exchangeId: string;
  /** The view shown to the user (without private material). */
  view: ApprovalView;
  /** present: the request as received, to sign against */
  request?: Record<string, unknown>;
  /** accept: the verified offer */
  offered?: OfferedCredential[];
  /** The user's answer, kept so a restarted worker finishes what was approved. */
  answer?: { approve: boolean; selections?: { key: string; credentialIds: string[] }[]; accept?: number[]; at: string };
  createdAt: string;
}

export interface CredentialRecord {
  id: string;
  credential: Record<string, unknown>;
  summary: CredentialSummary;
  verification: CredentialVerificationView;
  storedAt: string;
  exchangeId?: string;
}
