import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cachedWalletInfo, WALLET_INFO_CACHE_KEY } from '../utils/messaging/wallet';
import { useWalletStore } from './wallet';
import { startCachedWalletInfoRead } from './wallet-cache';

const info = { did: 'did:key:z6MkExample', verificationMethod: 'did:key:z6MkExample#z6MkExample', keyStorage: 'non-extractable' as const };

beforeEach(() => {
  fakeBrowser.reset();
  setActivePinia(createPinia());
});

test('paints the DID from the copy the background keeps, before the background answers', async () => {
  await fakeBrowser.storage.local.set({ [WALLET_INFO_CACHE_KEY]: info });
  const store = useWalletStore();
  await store.loadCached();
  expect(store.info).toEqual(info);
  expect(store.confirmed).toBe(false); // shown, not yet confirmed by the background
});

test('a missing or malformed copy paints nothing', async () => {
  await fakeBrowser.storage.local.set({ [WALLET_INFO_CACHE_KEY]: { did: 'not-a-did', verificationMethod: 1 } });
  const store = useWalletStore();
  await store.loadCached();
  expect(store.info).toBeUndefined();
  expect(cachedWalletInfo(undefined)).toBeUndefined();
  expect(cachedWalletInfo({ ...info, keyStorage: 'plain' })).toBeUndefined();
  expect(cachedWalletInfo({ ...info, extra: 'dropped' })).toEqual(info);
});

test('every key storage the background reports is painted (a wrap-only key was ignored before)', async () => {
  for (const keyStorage of ['wrap-only', 'non-extractable', 'extractable'] as const) {
    expect(cachedWalletInfo({ ...info, keyStorage })).toEqual({ ...info, keyStorage });
  }
  await fakeBrowser.storage.local.set({ [WALLET_INFO_CACHE_KEY]: { ...info, keyStorage: 'wrap-only' } });
  const store = useWalletStore();
  await store.cachedRead;
  expect(store.info?.keyStorage).toBe('wrap-only');
});

test('the store takes over the read the popup started before its app loaded, once', async () => {
  await fakeBrowser.storage.local.set({ [WALLET_INFO_CACHE_KEY]: info });
  const early = startCachedWalletInfoRead();
  expect(startCachedWalletInfoRead()).toBe(early); // one read, however often the page asks
  await fakeBrowser.storage.local.remove(WALLET_INFO_CACHE_KEY);
  const store = useWalletStore();
  await store.cachedRead;
  expect(store.info).toEqual(info); // the early read's answer, not a second read of storage
  // handed over once: a later store (another page, another test) reads storage afresh
  setActivePinia(createPinia());
  const later = useWalletStore();
  await later.cachedRead;
  expect(later.info).toBeUndefined();
});
