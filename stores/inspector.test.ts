import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WalletKey } from '../utils/crypto';
import { openWalletDb, type WalletDb } from '../utils/db';
import { createDbSource, validateHar } from '../utils/inspect';
import { realRun, startService, type RealRun } from '../utils/inspect/test-support';
import type { WorkflowService } from '../workflow-service';
import { useInspectorStore, type InspectorEvent } from './inspector';

let service: WorkflowService;
let key: WalletKey;
let run: RealRun;
beforeAll(async () => {
  ({ service, key } = await startService());
  run = await realRun({ service, key });
});
afterAll(async () => { await service?.close(); });

let db: WalletDb;
let emit: (event: InspectorEvent) => void;
let connected: () => void;
beforeEach(async () => {
  setActivePinia(createPinia());
  db = await openWalletDb({ name: `inspector-store-${crypto.randomUUID()}` });
});

/** The background's event port, as the store sees it: a subscribe that hands out emit/connect. */
const subscribe = ({ onEvent, onConnect }: { onEvent: (e: InspectorEvent) => void; onConnect?: () => void }) => {
  emit = onEvent;
  connected = () => onConnect?.();
  return () => undefined;
};

async function storeExchange({ id = run.state.id, pageOrigin, messages = run.messages }: { id?: string; pageOrigin?: string; messages?: typeof run.messages } = {}) {
  await db.exchanges.create({ id, state: { ...run.state, id }, source: 'page', ...(pageOrigin ? { pageOrigin } : {}), credentialIds: [], notes: [] } as never);
  for (const message of messages) await db.messages.append({ message: { ...message, exchangeId: id } });
}

describe('inspector store', () => {
  it('loads exchanges, follows a running one live from events, and goes live on connect', async () => {
    await storeExchange({ messages: run.messages.slice(0, 1) });
    const store = useInspectorStore();
    await store.init({ source: createDbSource({ db }), subscribe });
    expect(store.visible.map((e) => e.id)).toEqual([run.state.id]);
    await store.select(run.state.id);
    expect(store.selectedMessages.map((m) => m.seq)).toEqual([0]);
    expect(store.live).toBe(false);
    connected();
    expect(store.live).toBe(true);

    await db.messages.append({ message: run.messages[1] });
    emit({ type: 'transcript', exchangeId: run.state.id, seq: 1 });
    await expect.poll(() => store.selectedMessages.map((m) => m.seq)).toEqual([0, 1]);

    // an exchange the store has never seen arrives through an 'exchange' event
    await storeExchange({ id: 'second' });
    emit({ type: 'exchange', exchange: { id: 'second' } });
    await expect.poll(() => store.visible.map((e) => e.id).sort()).toEqual([run.state.id, 'second'].sort());
  });

  it('scopes to a page origin (DevTools panel) unless "all tabs"', async () => {
    await storeExchange({ id: 'shop', pageOrigin: 'https://shop.example' });
    await storeExchange({ id: 'other', pageOrigin: 'https://other.example' });
    const store = useInspectorStore();
    await store.init({ source: createDbSource({ db }), scope: { pageOrigin: 'https://shop.example' } });
    expect(store.visible.map((e) => e.id)).toEqual(['shop']);
    store.showAll = true;
    expect(store.visible).toHaveLength(2);
  });

  it('exports HAR and JSON, imports the JSON back read-only, clears history', async () => {
    await storeExchange();
    const store = useInspectorStore();
    await store.init({ source: createDbSource({ db }) });
    await store.select(run.state.id);
    const har = JSON.parse(store.exportHar(run.state.id));
    expect(validateHar({ har }).valid).toBe(true);
    expect(har.log.entries).toHaveLength(3);
    const json = store.exportJson(run.state.id);
    const importedId = store.importJson(json);
    expect(importedId).toBe(`imported:${run.state.id}`);
    expect(store.selectedId).toBe(importedId);
    expect(store.selectedMessages).toEqual(store.messages[run.state.id]);
    expect(JSON.parse(store.exportJson(importedId)).messages).toEqual(JSON.parse(json).messages);
    expect(() => store.importJson('{"format":"nope"}')).toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(store.visible).toHaveLength(2);
    expect(() => store.exportHar('unknown')).toThrow(expect.objectContaining({ name: 'NotFoundError' }));

    expect(await store.clearHistory()).toBe(1);
    expect(store.visible).toEqual([]);
    expect(await db.messages.forExchange({ exchangeId: run.state.id })).toEqual([]);
  });
});
