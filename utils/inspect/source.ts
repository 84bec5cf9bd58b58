// Where the inspector reads from: the wallet's IndexedDB through utils/db. The background runs it
// and serves it to the inspector pages as messages (utils/wallet/inspector-service.ts).
// Read-only except clearHistory, which removes finished exchanges with their messages and
// approvals (credentials stay). Runs in Node over fake-indexeddb for tests.
import type { WalletDb } from '../db';
import type { CandidateCredential } from '../query';
import { fromStoredExchange } from './exchange-record';
import { redactBody } from './redact';
import { cleanMessage } from './export-json';
import type { InspectedExchange, TranscriptMessage } from './types';
import { hasErrorName } from '../errors';

/** An approval as the user saw it: the view the approval window showed, and the answer. */
export interface InspectedApproval {
  id: string;
  kind: string;
  createdAt: string;
  decision?: { approved: boolean; decidedAt: string; credentialIds?: string[] };
  /** The approval window's view (ApprovalView: queries with candidates, offered credentials …). */
  view?: Record<string, unknown>;
}

/** A stored credential, enough to explain requests against and to show its stored verification. */
export interface InspectedCredential {
  id: string;
  credential: Record<string, unknown>;
  /** The verification stored with it (utils/crypto's CredentialVerification), or null. */
  verification: CandidateCredential['verification'];
  exchangeId?: string;
}

export interface InspectorSource {
  listExchanges(): Promise<InspectedExchange[]>;
  getExchange(options: { id: string }): Promise<InspectedExchange | undefined>;
  messages(options: { exchangeId: string }): Promise<TranscriptMessage[]>;
  approvals(options: { exchangeId: string }): Promise<InspectedApproval[]>;
  credentials(): Promise<InspectedCredential[]>;
  /** Removes finished exchanges (all with `all: true`); returns how many. */
  clearHistory(options?: { all?: boolean }): Promise<number>;
}

function safeExchange(record: unknown): InspectedExchange | undefined {
  try {
    return fromStoredExchange({ record });
  } catch {
    return undefined; // a record the inspector cannot read is skipped, not fatal
  }
}

/**
 * `reopen`: how to open the database again when the connection was closed under the inspector
 * (utils/db closes a connection that blocks a newer wallet version's upgrade); one retry per call.
 */
/**
 * `reopen`: how to open the database again when the connection was closed under the inspector
 * (utils/db closes a connection that blocks a newer wallet version's upgrade); one retry per call.
 */
export function createDbSource({ db, reopen }: {
  db: Promise<WalletDb> | WalletDb;
  reopen?: () => Promise<WalletDb>;
}): InspectorSource {
  let current = Promise.resolve(db);
  async function withDb<T>(use: (db: WalletDb) => Promise<T>): Promise<T> {
    const used = current;
    try {
      return await use(await used);
    } catch (error) {
      if (!reopen || !hasErrorName(error, 'InvalidStateError')) throw error;
      if (current === used) current = reopen();
      return use(await current);
    }
  }
  return {
    listExchanges: () =>
      withDb(async (d) => (await d.exchanges.list()).map(safeExchange).filter((e): e is InspectedExchange => !!e)),
    getExchange: ({ id }) =>
      withDb(async (d) => {
        const record = await d.exchanges.get({ id });
        return record ? safeExchange(record) : undefined;
      }),
    messages: ({ exchangeId }) =>
      withDb(async (d) => (await d.messages.forExchange({ exchangeId })).map((message) => cleanMessage({ message }))),
    approvals: ({ exchangeId }) =>
      withDb(async (d) =>
        (await d.approvals.forExchange({ exchangeId }))
          .map((a) => {
            const payload = a.payload as { view?: unknown } | undefined;
            const view = payload && typeof payload === 'object' ? payload.view : undefined;
            return {
              id: a.id,
              kind: a.kind,
              createdAt: a.createdAt,
              ...(a.decision ? { decision: { ...a.decision } } : {}),
              ...(view && typeof view === 'object' ? { view: redactBody({ value: view }) as Record<string, unknown> } : {}),
            };
          })
          .sort((x, y) => x.createdAt.localeCompare(y.createdAt)),
      ),
    credentials: () =>
      withDb(async (d) =>
        (await d.credentials.list()).map((c) => ({
          id: c.id,
          credential: c.credential,
          verification: c.verification,
          ...(c.source?.exchangeId ? { exchangeId: c.source.exchangeId } : {}),
        })),
      ),
    clearHistory: ({ all = false } = {}) => withDb((d) => d.exchanges.clearHistory({ all })),
  };
}
