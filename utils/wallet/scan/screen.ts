// "Scan this screen": capture the visible part of the tab and decode every QR code in it.
import { browser } from 'wxt/browser';
import { namedError } from '../../messaging/errors';
import type { ImageDecodeResult } from '../../qr/decode-image';
import type { DecodeImage } from './qr-decoder';

export async function captureAndDecode({ tabId, decodeImage }: { tabId: number; decodeImage: DecodeImage }): Promise<ImageDecodeResult & { pageUrl?: string }> {
  let tab;
  try {
    tab = await browser.tabs.get(tabId);
  } catch (cause) {
    throw namedError({ name: 'NotFoundError', message: 'That tab is gone: open the page again and retry.', cause });
  }
  if (!tab.active) {
    throw namedError({ name: 'NotAllowedError', message: 'That tab is not on screen: switch to it, then scan again.' });
  }
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(tab.windowId!, { format: 'png' });
  } catch (cause) {
    if (/QUOTA|per second/i.test(String((cause as Error)?.message))) {
      throw namedError({ name: 'QuotaExceededError', message: 'Too many screen captures at once: wait a second and scan again.', cause });
    }
    throw namedError({
      name: 'NotAllowedError',
      message: 'The browser did not let the wallet capture this screen (browser pages and the web store cannot be captured).',
      cause,
    });
  }
  const blob = await (await fetch(dataUrl)).blob();
  return { ...(await decodeImage({ blob })), pageUrl: tab.url };
}
