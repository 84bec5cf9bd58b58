// Which frame is asking, from what the browser says about the port's sender — never from the
// request. A request is bound to this frame (tab, frame id, document) and its origin.
import { isServedOrigin } from '../../chapi/origin';

export interface PortSenderLike {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; url?: string };
}

export interface ChapiFrame {
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The asking frame's origin (https, or http on loopback). */
  origin: string;
  /** The top-level page's origin when the asking frame is an iframe of another origin. */
  topOrigin?: string;
}

/** The asking frame, or undefined when the sender is not one of our content scripts in a web page. */
export function frameFromSender({ sender, extensionId }: { sender: PortSenderLike | undefined; extensionId: string }): ChapiFrame | undefined {
  if (!sender || sender.id !== extensionId) return undefined;
  if (typeof sender.tab?.id !== 'number' || typeof sender.frameId !== 'number' || typeof sender.url !== 'string') return undefined;
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return undefined;
  }
  // A sandboxed frame has an opaque origin ("null") even at an https URL: refuse it.
  if (sender.origin !== undefined && sender.origin !== origin) return undefined;
  if (!isServedOrigin({ origin })) return undefined;
  let topOrigin: string | undefined;
  if (sender.frameId !== 0 && sender.tab.url) {
    try {
      topOrigin = new URL(sender.tab.url).origin;
    } catch {
      topOrigin = undefined;
    }
  }
  return {
    tabId: sender.tab.id,
    frameId: sender.frameId,
    ...(sender.documentId ? { documentId: sender.documentId } : {}),
    origin,
    ...(topOrigin && topOrigin !== origin ? { topOrigin } : {}),
  };
}
