// Approval windows: one popup window per window key (an exchange, or the CHAPI request that
// started it) showing approval.html?id=…; the next approval of the same key navigates that
// window, so a request that needs consent, a DID authentication and an acceptance is one window
// that steps through them. Closing it declines. The window ↔ approval map lives in
// storage.session so a restarted worker still knows which window asks what (and a closed window
// wakes the worker to decline).
import { browser } from 'wxt/browser';
import type { ApprovalWindows } from './context';

const KEY = 'approvalWindows';
/** windowId → what it shows; `key` is the window key (absent in entries from before keys: the exchangeId). */
type WindowMap = Record<string, { approvalId: string; exchangeId: string; key?: string }>;
const keyOf = (entry: WindowMap[string]) => entry.key ?? entry.exchangeId;

async function readMap(): Promise<WindowMap> {
  const stored = await browser.storage.session.get(KEY);
  return (stored[KEY] as WindowMap | undefined) ?? {};
}

async function writeMap(map: WindowMap): Promise<void> {
  await browser.storage.session.set({ [KEY]: map });
}

export function approvalPageUrl({ approvalId }: { approvalId: string }): string {
  return `${browser.runtime.getURL('/approval.html')}?id=${encodeURIComponent(approvalId)}`;
}

/** Registers windows.onRemoved synchronously: call it while the worker starts. */
export function createBrowserApprovalWindows(): ApprovalWindows {
  const listeners: ((o: { approvalId: string; exchangeId: string }) => void)[] = [];
  // Every read-modify-write of the map runs alone: a window closing while another opens must
  // not overwrite the other's change (a lost entry would turn "closed" into "no answer").
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined); // the caller sees `run`'s failure; the queue only orders
    return run;
  };
  browser.windows.onRemoved.addListener((windowId) => {
    void (async () => {
      const entry = await exclusive(async () => {
        const map = await readMap();
        const found = map[String(windowId)];
        if (found) {
          delete map[String(windowId)];
          await writeMap(map);
        }
        return found;
      });
      if (entry) for (const listener of listeners) listener({ approvalId: entry.approvalId, exchangeId: entry.exchangeId });
    })();
  });

  return {
    onClosed(listener) {
      listeners.push(listener);
    },
    close: ({ windowKey }) => exclusive(async () => {
      const map = await readMap();
      const ids = Object.keys(map).filter((id) => keyOf(map[id]) === windowKey);
      if (!ids.length) return;
      for (const id of ids) delete map[id];
      await writeMap(map); // first: the removal below is not a user's "no"
      // A window the user closed meanwhile rejects: it is gone either way.
      await Promise.all(ids.map((id) => browser.windows.remove(Number(id)).catch(() => undefined)));
    }),
    show: ({ approvalId, exchangeId, windowKey = exchangeId, focus = true }) => exclusive(async () => {
      const map = await readMap();
      const url = approvalPageUrl({ approvalId });
      const entry = { approvalId, exchangeId, key: windowKey };
      const found = Object.entries(map).find(([, e]) => keyOf(e) === windowKey);
      if (found) {
        const windowId = Number(found[0]);
        // A window closed by hand meanwhile rejects here: then a new one is opened below.
        const window = await browser.windows.get(windowId, { populate: true }).catch(() => undefined);
        const tab = window?.tabs?.[0];
        if (window && tab?.id !== undefined) {
          if (found[1].approvalId !== approvalId) {
            map[found[0]] = entry;
            await writeMap(map);
            await browser.tabs.update(tab.id, { url });
          }
          if (focus) await browser.windows.update(windowId, { focused: true });
          return;
        }
        delete map[found[0]];
      }
      if (!focus) {
        // Resuming after a restart with no window left: don't pop one up unasked. The popup
        // lists the pending approval, and its "Review" reopens the window.
        if (found) await writeMap(map);
        return;
      }
      const created = await browser.windows.create({ url, type: 'popup', width: 480, height: 640, focused: true });
      if (created?.id !== undefined) map[String(created.id)] = entry;
      await writeMap(map);
    }),
  };
}
