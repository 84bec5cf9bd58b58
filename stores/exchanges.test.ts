import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, expect, test } from 'vitest';
import type { ExchangeView } from '../utils/messaging';
import { useExchangesStore } from './exchanges';

const view = (id: string, status: ExchangeView['status'], updatedAt: string, createdAt = '2026-01-01T00:00:00Z'): ExchangeView => ({
  id, status, updatedAt, createdAt, interactionUrl: 'https://a.example/i?iuv=1', source: 'paste',
  exchangeOrigin: 'https://a.example', phase: status, credentialIds: [],
});

beforeEach(() => setActivePinia(createPinia()));

test('broadcasts update the cache; a late, older one does not roll it back', () => {
  const store = useExchangesStore();
  store.upsert(view('x', 'running', '2026-01-01T00:00:01Z'));
  store.upsert(view('x', 'complete', '2026-01-01T00:00:03Z'));
  store.upsert(view('x', 'awaiting-approval', '2026-01-01T00:00:02Z'));
  expect(store.byId.x.status).toBe('complete');
});

test('running and finished lists, newest first', () => {
  const store = useExchangesStore();
  store.upsert(view('a', 'failed', '1', '2026-01-01T00:00:00Z'));
  store.upsert(view('b', 'awaiting-approval', '1', '2026-01-02T00:00:00Z'));
  store.upsert(view('c', 'declined', '1', '2026-01-03T00:00:00Z'));
  expect(store.active.map((e) => e.id)).toEqual(['b']);
  expect(store.finished.map((e) => e.id)).toEqual(['c', 'a']);
});
