// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WALLET_INFO_CACHE_KEY } from '../utils/messaging/wallet';
import { FIRST_PAINT_KEY, readFirstPaintCopy, rememberForFirstPaint } from './first-paint-copy';
import { useWalletStore } from './wallet';

const info = { did: 'did:key:z6MkExample', verificationMethod: 'did:key:z6MkExample#z6MkExample', keyStorage: 'wrap-only' as const };

beforeEach(() => {
  localStorage.clear();
  fakeBrowser.reset();
  setActivePinia(createPinia());
});

test('what the popup remembers it reads back; forgetting leaves nothing', () => {
  expect(readFirstPaintCopy()).toBeUndefined();
  rememberForFirstPaint(info);
  expect(readFirstPaintCopy()).toEqual(info);
  rememberForFirstPaint(undefined);
  expect(localStorage.getItem(FIRST_PAINT_KEY)).toBeNull();
  expect(readFirstPaintCopy()).toBeUndefined();
});

test('a malformed copy paints nothing (checked as the storage.local copy is)', () => {
  for (const bad of ['{', '"did:key:z6Mk"', JSON.stringify({ ...info, did: 'not-a-did' }), JSON.stringify({ ...info, keyStorage: 'plain' })]) {
    localStorage.setItem(FIRST_PAINT_KEY, bad);
    expect(readFirstPaintCopy()).toBeUndefined();
  }
});

test("the store keeps the copy in step with storage.local's copy, and forgets it when there is none", async () => {
  await fakeBrowser.storage.local.set({ [WALLET_INFO_CACHE_KEY]: info });
  await useWalletStore().cachedRead;
  expect(readFirstPaintCopy()).toEqual(info);

  // a reset wallet: storage.local has no copy, so the popup's older one is dropped
  await fakeBrowser.storage.local.remove(WALLET_INFO_CACHE_KEY);
  setActivePinia(createPinia());
  await useWalletStore().cachedRead;
  expect(readFirstPaintCopy()).toBeUndefined();
});
