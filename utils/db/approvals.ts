import type { ErrorName } from '../errors';
import { dbError, isPlainObject, requireString } from './errors';
import type { ApprovalDecision, ApprovalRecord, WalletIdb } from './schema';
import { monotonicClock, type Clock } from './clock';
import { hasErrorName } from '../errors';

export type NewApproval = Omit<ApprovalRecord, 'id' | 'createdAt' | 'decision'> & { id?: string };

export interface ApprovalsRepository {
  create(input: NewApproval): Promise<ApprovalRecord>;
  get(options: { id: string }): Promise<ApprovalRecord | undefined>;
  /** Undecided approvals, oldest first (the order to ask the user in). */
  listPending(): Promise<ApprovalRecord[]>;
  forExchange(options: { exchangeId: string }): Promise<ApprovalRecord[]>;
  /**
   * Records the user's answer once. InvalidStateError if it was already decided
   * (a second popup cannot flip it); NotFoundError for an unknown id.
   */
  decide(options: { id: string; decision: Omit<ApprovalDecision, 'decidedAt'> }): Promise<ApprovalRecord>;
  remove(options: { id: string }): Promise<boolean>;
}

const KINDS: ApprovalRecord['kind'][] = ['presentation', 'credentials', 'tx-code', 'chapi-get', 'chapi-store'];

export function createApprovalsRepository({ idb, now = monotonicClock() }: { idb: WalletIdb; now?: Clock }): ApprovalsRepository {
  return {
    async create(input) {
      if (!isPlainObject(input)) throw new TypeError('"input" must be an object.');
      if (!KINDS.includes(input.kind)) throw new TypeError(`"kind" must be one of ${KINDS.join(', ')}.`);
      requireString(input.origin, 'origin');
      if (input.exchangeId !== undefined) requireString(input.exchangeId, 'exchangeId');
      if (input.exchangeId === undefined && input.chapiRequestId === undefined) {
        throw new TypeError('"exchangeId" or "chapiRequestId" is required.');
      }
      const record: ApprovalRecord = {
        ...input,
        id: input.id ?? globalThis.crypto.randomUUID(),
        createdAt: now(),
      };
      try {
        await idb.add('approvals', record);
      } catch (cause) {
        if (hasErrorName(cause, 'ConstraintError')) {
          throw dbError({ name: 'ConstraintError', message: `An approval with id ${record.id} already exists.`, cause });
        }
        throw cause;
      }
      return record;
    },

    async get({ id }) {
      return idb.get('approvals', requireString(id, 'id'));
    },

    async listPending() {
      return (await idb.getAllFromIndex('approvals', 'by-createdAt')).filter((a) => !a.decision);
    },

    async forExchange({ exchangeId }) {
      return idb.getAllFromIndex('approvals', 'by-exchangeId', requireString(exchangeId, 'exchangeId'));
    },

    async decide({ id, decision }) {
      requireString(id, 'id');
      if (!isPlainObject(decision) || typeof decision.approved !== 'boolean') {
        throw new TypeError('"decision" must be {approved: boolean, credentialIds?}.');
      }
      if (decision.credentialIds !== undefined &&
        (!Array.isArray(decision.credentialIds) || !decision.credentialIds.every((c) => typeof c === 'string'))) {
        throw new TypeError('"decision.credentialIds" must be an array of strings.');
      }
      if (decision.txCode !== undefined && (typeof decision.txCode !== 'string' || decision.txCode.length > 64)) {
        throw new TypeError('"decision.txCode" must be a string of at most 64 characters.');
      }
      const tx = idb.transaction('approvals', 'readwrite');
      const current = await tx.store.get(id);
      const fail = async (name: ErrorName, message: string) => {
        tx.abort();
        await tx.done.catch(() => undefined); // the abort's own error is the one thrown; tx.done only settles
        return dbError({ name, message });
      };
      if (!current) throw await fail('NotFoundError', `No approval with id ${id}.`);
      if (current.decision) throw await fail('InvalidStateError', `Approval ${id} was already answered.`);
      const next: ApprovalRecord = {
        ...current,
        decision: { ...decision, decidedAt: now() },
      };
      await tx.store.put(next);
      await tx.done;
      return next;
    },

    async remove({ id }) {
      requireString(id, 'id');
      const tx = idb.transaction('approvals', 'readwrite');
      const found = (await tx.store.count(id)) > 0;
      if (found) await tx.store.delete(id);
      await tx.done;
      return found;
    },
  };
}
