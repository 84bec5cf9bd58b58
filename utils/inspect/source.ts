// Where the inspector reads from: the wallet's IndexedDB through utils/db (extension pages share
// the worker's origin, so the inspector page and the DevTools panel open the same database).
// Read-only except clearHistory, which removes finished exchanges with their messages and
// approvals (credentials stay). Runs in Node over fake-indexeddb for tests.
import type { WalletDb } from '../db';
import type { CandidateCredential } from '../query';
import { fromStoredExchange } from './exchange-record';
import { redactBody } from './redact';
import { cleanMessage } from './export-json';
import type { InspectedExchange, TranscriptMessage } from './types';

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

export function createDbSource({ db }: { db: Promise<WalletDb> | WalletDb }): InspectorSource {
  const ready = Promise.resolve(db);
  return {
    async listExchanges() {
      const records = await (await ready).exchanges.list();
      return records.map(safeExchange).filter((e): e is InspectedExchange => !!e);
    },
    async getExchange({ id }) {
      const record = await (await ready).exchanges.get({ id });
      return record ? safeExchange(record) : undefined;
    },
    async messages({ exchangeId }) {
      const list = await (await ready).messages.forExchange({ exchangeId });
      return list.map((message) => cleanMessage({ message }));
    },
    async approvals({ exchangeId }) {
      const list = await (await ready).approvals.forExchange({ exchangeId });
      return list
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
        .sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    },
    async credentials() {
      const list = await (await ready).credentials.list();
      return list.map((c) => ({
        id: c.id,
        credential: c.credential,
        verification: c.verification,
        ...(c.source?.exchangeId ? { exchangeId: c.source.exchangeId } : {}),
      }));
    },
    async clearHistory({ all = false } = {}) {
      return (await ready).exchanges.clearHistory({ all });
    },
  };
}
