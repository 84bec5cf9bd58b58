// Test support for the CHAPI background: a WalletContext over the real utils/db (on
// fake-indexeddb), a real did:key, the real verifier, and a recorder for the approval windows.
import 'fake-indexeddb/auto';
import { generateDidKey, verifyCredential, type WalletKey } from '../../crypto';
import { openWalletDb, type WalletDb } from '../../db';
import type { WalletEvent } from '../../messaging/events';
import { createApprovalOwners, type ApprovalWindows, type WalletContext } from '../context';
import { createKeyedLock } from '../lock';

export interface TestContext {
  ctx: WalletContext;
  db: WalletDb;
  key: WalletKey;
  events: WalletEvent[];
  shown: { approvalId: string; exchangeId: string; windowKey?: string; focus?: boolean }[];
  /** Window keys whose window the services closed. */
  closedKeys: string[];
  closeWindow(approvalId: string): void;
}

export async function createTestContext(): Promise<TestContext> {
  const key = await generateDidKey({ extractable: false });
  const db = await openWalletDb({ name: `chapi-test-${crypto.randomUUID()}` });
  const events: WalletEvent[] = [];
  const shown: { approvalId: string; exchangeId: string; windowKey?: string; focus?: boolean }[] = [];
  const closedKeys: string[] = [];
  const closed: ((o: { approvalId: string; exchangeId: string }) => void)[] = [];
  const windows: ApprovalWindows = {
    async show({ approvalId, exchangeId, windowKey, focus }) {
      shown.push({ approvalId, exchangeId, ...(windowKey ? { windowKey } : {}), focus });
    },
    async close({ windowKey }) {
      closedKeys.push(windowKey);
    },
    onClosed(listener) {
      closed.push(listener);
    },
  };
  const ctx: WalletContext = {
    db: Promise.resolve(db),
    key: async () => key,
    events: { emit: (event) => void events.push(event) },
    windows,
    lock: createKeyedLock(),
    approvalOwners: createApprovalOwners(),
    verify: ({ credential, now }) => verifyCredential({ credential, now }),
  };
  return {
    ctx, db, key, events, shown, closedKeys,
    closeWindow(approvalId) {
      const entry = shown.find((s) => s.approvalId === approvalId)!;
      for (const l of closed) l(entry);
    },
  };
}
