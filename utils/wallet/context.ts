// What the wallet services share: storage, the key, the event hub, the approval windows.
// background.ts builds one; unit tests build one over fake-indexeddb and a window recorder.
import type { WalletKey } from '../crypto';
import type { FetchLike } from '../vcalm/http';
import type { ExchangeLimits } from '../vcalm/limits';
import type { TranscriptMessage } from '../vcalm/transcript';
import type { EventHub } from '../messaging/events';
import type { KeyedLock } from './lock';
import type { VerifyCredential } from './offers';
import type { ApprovalRecord, CredentialRecord, ExchangeRecord } from './records';

/** The storage the services need (utils/db's repositories, adapted in store.ts). */
export interface WalletRepos {
  exchanges: {
    get(id: string): Promise<ExchangeRecord | undefined>;
    put(record: ExchangeRecord): Promise<void>;
    list(): Promise<ExchangeRecord[]>;
  };
  messages: { add(message: TranscriptMessage): Promise<void> };
  approvals: {
    get(id: string): Promise<ApprovalRecord | undefined>;
    put(record: ApprovalRecord): Promise<void>;
    list(): Promise<ApprovalRecord[]>;
  };
  credentials: {
    get(id: string): Promise<CredentialRecord | undefined>;
    put(record: CredentialRecord): Promise<void>;
    delete(id: string): Promise<boolean>;
    list(): Promise<CredentialRecord[]>;
  };
}

export interface ApprovalWindows {
  /** Show an approval: reuse the exchange's open window, else open one. `focus: false` leaves an open window alone. */
  show(options: { approvalId: string; exchangeId: string; focus?: boolean }): Promise<void>;
  /** Called with the approval a closed window was showing. */
  onClosed(listener: (options: { approvalId: string; exchangeId: string }) => void): void;
}

export interface WalletContext {
  repos: Promise<WalletRepos>;
  key: () => Promise<WalletKey>;
  events: EventHub;
  windows: ApprovalWindows;
  lock: KeyedLock;
  fetch?: FetchLike;
  verify?: VerifyCredential;
  limits?: Partial<ExchangeLimits>;
  now?: () => Date;
}
