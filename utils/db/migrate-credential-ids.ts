// Schema v2: credentials keyed by issuer + id (credential-id.ts) instead of by id alone. Re-keys
// every stored credential and rewrites the ids that point at them (exchanges' credentialIds,
// approvals' decisions, offers and candidates) inside the upgrade transaction: all or nothing.
import type { IDBPTransaction, StoreNames } from 'idb';
import { credentialRecordIdSync } from './credential-id';
import { isPlainObject } from './errors';
import type { WalletSchema } from './schema';

type UpgradeTx = IDBPTransaction<WalletSchema, StoreNames<WalletSchema>[], 'versionchange'>;

function remapApprovalPayload(payload: unknown, renamed: Map<string, string>): unknown {
  if (!isPlainObject(payload)) return payload;
  const rename = (id: unknown) => (typeof id === 'string' ? renamed.get(id) ?? id : id);
  const out = { ...payload };
  if (Array.isArray(out.offered)) {
    out.offered = out.offered.map((o) => (isPlainObject(o) ? { ...o, recordId: rename(o.recordId) } : o));
  }
  if (isPlainObject(out.view) && Array.isArray(out.view.queries)) {
    out.view = {
      ...out.view,
      queries: out.view.queries.map((q) =>
        isPlainObject(q) && Array.isArray(q.candidates)
          ? { ...q, candidates: q.candidates.map((c) => (isPlainObject(c) ? { ...c, credentialId: rename(c.credentialId) } : c)) }
          : q),
    };
  }
  return out;
}

export async function migrateCredentialIds(tx: UpgradeTx): Promise<void> {
  const credentials = tx.objectStore('credentials');
  const renamed = new Map<string, string>();
  for (const record of await credentials.getAll()) {
    const id = credentialRecordIdSync({ credential: record.credential });
    if (id === record.id) continue;
    await credentials.delete(record.id);
    await credentials.put({ ...record, id });
    renamed.set(record.id, id);
  }
  if (!renamed.size) return;
  // status checks are a cache keyed by the old ids: drop those, they are checked again on opening
  const checks = tx.objectStore('statusChecks');
  for (const old of renamed.keys()) await checks.delete(old);
  let exchange = await tx.objectStore('exchanges').openCursor();
  while (exchange) {
    const ids = (exchange.value as { credentialIds?: unknown }).credentialIds;
    if (Array.isArray(ids) && ids.some((id) => renamed.has(id))) {
      await exchange.update({ ...exchange.value, credentialIds: ids.map((id) => renamed.get(id) ?? id) } as typeof exchange.value);
    }
    exchange = await exchange.continue();
  }
  let approval = await tx.objectStore('approvals').openCursor();
  while (approval) {
    const { decision, payload } = approval.value;
    await approval.update({
      ...approval.value,
      payload: remapApprovalPayload(payload, renamed),
      ...(decision?.credentialIds ? { decision: { ...decision, credentialIds: decision.credentialIds.map((id) => renamed.get(id) ?? id) } } : {}),
    });
    approval = await approval.continue();
  }
}
