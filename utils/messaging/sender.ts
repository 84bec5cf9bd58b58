// Who sent a message. Only the wallet's own pages may use wallet-internal messages; a content
// script speaks for a page, and the page's origin comes from the browser (sender.tab.url).

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export type SenderInfo =
  | { kind: 'extension'; url: string }
  | { kind: 'content'; pageOrigin: string; tabId?: number; frameId?: number; url: string }
  | { kind: 'unknown' };

export function classifySender({ sender, extensionId, extensionOrigin }: {
  sender: SenderLike | undefined;
  extensionId: string;
  extensionOrigin: string;
}): SenderInfo {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return { kind: 'unknown' };
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return { kind: 'unknown' };
  }
  // (compare as text: URL.origin is "null" for chrome-extension: outside the browser)
  if (sender.url.startsWith(`${extensionOrigin}/`) && (sender.origin === undefined || sender.origin === extensionOrigin)) {
    return { kind: 'extension', url: sender.url };
  }
  if (sender.tab && /^https?:$/.test(url.protocol)) {
    return { kind: 'content', pageOrigin: url.origin, tabId: sender.tab.id, frameId: sender.frameId, url: sender.url };
  }
  return { kind: 'unknown' };
}
