// Test wiring for the wallet services: a real utils/db over fake-indexeddb, recorders for the
// event hub and the approval windows. (Tests import 'fake-indexeddb/auto' first.)
import { openWalletDb } from '../db';
import type { WalletEvent } from '../messaging/events';
import { createApprovalOwners, type ApprovalWindows, type WalletContext } from './context';
import { createWalletKeyLoader } from './keys';
import { createKeyedLock } from './lock';

export interface ShownApproval {
  approvalId: string;
  exchangeId: string;
  windowKey?: string;
  focus?: boolean;
}

export function createTestContext(overrides: Partial<WalletContext> & { dbName?: string } = {}) {
  const { dbName = `wallet-test-${crypto.randomUUID()}`, ...rest } = overrides;
  const events: WalletEvent[] = [];
  const shown: ShownApproval[] = [];
  /** Window keys whose window the services closed. */
  const closedKeys: string[] = [];
  const closedListeners: ((o: { approvalId: string; exchangeId: string }) => void)[] = [];
  const windows: ApprovalWindows = {
    async show(options) {
      shown.push(options);
    },
    async close({ windowKey }) {
      closedKeys.push(windowKey);
    },
    onClosed(listener) {
      closedListeners.push(listener);
    },
  };
  const db = rest.db ?? openWalletDb({ name: dbName });
  const ctx: WalletContext = {
    db,
    key: createWalletKeyLoader({ db }),
    events: { emit: (event) => void events.push(event) },
    windows,
    lock: createKeyedLock(),
    approvalOwners: createApprovalOwners(),
    ...rest,
  };
  return {
    ctx,
    dbName,
    events,
    shown,
    closedKeys,
    /** What the user closing an approval window looks like to the services. */
    closeWindow: (o: { approvalId: string; exchangeId: string }) => closedListeners.forEach((l) => l(o)),
  };
}
