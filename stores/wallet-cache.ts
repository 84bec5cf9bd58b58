// The wallet's DID as the background last wrote it to storage.local (WALLET_INFO_CACHE_KEY),
// without Vue or Pinia: the popup's module script starts this read and paints the DID before its
// app code has loaded (entrypoints/popup/main.ts); the wallet store then takes the same read over
// instead of asking storage a second time.
import { browser } from 'wxt/browser';
import { cachedWalletInfo, WALLET_INFO_CACHE_KEY, type WalletInfo } from '../utils/messaging/wallet';


/** The cached copy (undefined when missing or malformed); rejects when storage cannot be read. */
export async function readCachedWalletInfo(): Promise<WalletInfo | undefined> {
  const stored = await browser.storage.local.get(WALLET_INFO_CACHE_KEY);
  return cachedWalletInfo(stored[WALLET_INFO_CACHE_KEY]);
}

let started: Promise<WalletInfo | undefined> | undefined;

/** Starts the read now (once), for a page that paints the DID before its store exists. */
export function startCachedWalletInfoRead(): Promise<WalletInfo | undefined> {
  started ??= readCachedWalletInfo();
  return started;
}

/** The read a page started early, handed over once; later callers read storage afresh. */
export function takeCachedWalletInfoRead(): Promise<WalletInfo | undefined> {
  const read = started ?? readCachedWalletInfo();
  started = undefined;
  return read;
}
