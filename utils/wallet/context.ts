// What the wallet services share: the database, the key, the event hub, the approval windows.
// background.ts builds one; unit tests build one over fake-indexeddb and a window recorder.
import type { WalletKey } from '../crypto';
import type { WalletDb } from '../db';
import type { ExchangeLimits, FetchLike } from '../vcalm';
import type { EventHub } from '../messaging/events';
import type { ApprovalAnswer, ApprovalView } from '../messaging';
import type { KeyedLock } from './lock';
import type { VerifyCredential } from './offers';
import type { EngineServices } from './protocol-engine';

/**
 * The approval windows. One window per *window key* steps through its approvals: the key is the
 * exchange's id, or — for an exchange a CHAPI request started — that request's key, so consent,
 * DID authentication and acceptance show one after another in the request's one window.
 */
export interface ApprovalWindows {
  /**
   * Show an approval: navigate the key's open window to it, else open one. The key is `windowKey`
   * when given, else `exchangeId`. `focus: false` never opens or raises a window.
   */
  show(options: { approvalId: string; exchangeId: string; windowKey?: string; focus?: boolean }): Promise<void>;
  /** Close the key's window, if one is open (not reported to onClosed: nobody declined). */
  close(options: { windowKey: string }): Promise<void>;
  /** Called with the approval a window the user closed was showing. */
  onClosed(listener: (options: { approvalId: string; exchangeId: string }) => void): void;
}

/**
 * Who answers an approval. The exchange runner owns exchange-step approvals; a feature with its
 * own approvals (CHAPI requests, …) adds an owner for its ids with `approvalOwners.add(…)`.
 */
export interface ApprovalOwner {
  owns(approvalId: string): boolean;
  answer(answer: ApprovalAnswer): Promise<ApprovalView>;
  windowClosed(options: { approvalId: string }): Promise<void>;
}

export interface ApprovalOwners {
  add(owner: ApprovalOwner): void;
  /** The owner of an approval id (the first that claims it), or undefined. */
  find(approvalId: string): ApprovalOwner | undefined;
}

export function createApprovalOwners(): ApprovalOwners {
  const owners: ApprovalOwner[] = [];
  return {
    add: (owner) => void owners.push(owner),
    find: (approvalId) => owners.find((o) => o.owns(approvalId)),
  };
}

export interface WalletContext {
  db: Promise<WalletDb>;
  key: () => Promise<WalletKey>;
  /** Every holder key, the primary first (the background adds the P-256 key); absent: the primary alone. */
  holderKeys?: () => Promise<WalletKey[]>;
  events: EventHub;
  windows: ApprovalWindows;
  lock: KeyedLock;
  approvalOwners: ApprovalOwners;
  fetch?: FetchLike;
  verify?: VerifyCredential;
  limits?: Partial<ExchangeLimits>;
  now?: () => Date;
  /** The wallet's settings (absent: the defaults). */
  settings?: { get(): Promise<import('../messaging/settings').WalletSettings> };
  /** What protocol engines borrow for a step (the holder key for OID4VCI proofs, a sign-in window). */
  engineServices?: () => EngineServices;
}

/** The holder keys a context lends (the primary alone when it has no second key). */
export function holderKeysOf(ctx: Pick<WalletContext, 'key' | 'holderKeys'>): () => Promise<WalletKey[]> {
  return ctx.holderKeys ?? (async () => [await ctx.key()]);
}
