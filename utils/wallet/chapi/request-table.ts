// Who is waiting for an answer to a CHAPI request: one request per tab, at most MAX_PENDING in
// all, a site the user keeps saying no to (or that keeps withdrawing its requests) is paused for
// a minute, and a tab that withdrew a request its window showed gets no focused window until the
// user answers it (no window spam). Pure bookkeeping: no database, no windows.
import { namedError } from '../../errors';
import type { PageErrorName } from '../../chapi/errors';
import type { WalletResult } from '../../chapi/page-messages';
import type { WalletApproval } from '../records';
import type { ChapiFrame } from './frame';

/** Requests waiting for the user, across all tabs (one per tab). */
export const MAX_PENDING = 8;
/**
 * A site the user said no to — or that withdrew its own request (abort, navigation) — this many
 * times within DECLINE_WINDOW_MS is refused until it cools down: no window spam. Aborts count
 * because a page can abort as fast as it asks: without them a get → abort loop opened a window
 * every two seconds.
 */
export const DECLINES_BEFORE_PAUSE = 3;
export const DECLINE_WINDOW_MS = 60_000;

/** get() answered by the wallet, get() naming an exchange (consent to run it), store(). */
export type RequestKind = 'present' | 'exchange' | 'accept';

export interface Outcome {
  approved: boolean;
  result: WalletResult;
}

export interface PendingRequest {
  approval: WalletApproval;
  kind: RequestKind;
  frame: ChapiFrame;
  busy: boolean;
  resolve(outcome: Outcome): void;
  reject(error: Error): void;
}

/** An error whose message the page may read. */
export function pageError(name: PageErrorName, message: string): Error {
  const error = namedError({ name, message });
  (error as Error & { expose?: boolean }).expose = true;
  return error;
}

export function createRequestTable({ now }: { now: () => Date }) {
  const pending = new Map<string, PendingRequest>();
  const byTab = new Map<number, string>();
  const declines = new Map<string, number[]>(); // origin → times the user said no, or the page withdrew
  // Tabs whose approval window the wallet already brought to the front and the user did not
  // answer (the page aborted or went away): their next requests wait in the popup's list
  // ("Review") instead of opening and focusing another window. The user answering one of
  // the tab's requests gives it its window back. Kept in memory: a restarted worker forgets,
  // which costs at most one more window per tab.
  const quietTabs = new Set<number>();

  function recentDeclines(origin: string): number {
    const since = now().getTime() - DECLINE_WINDOW_MS;
    const times = (declines.get(origin) ?? []).filter((t) => t > since);
    if (times.length) declines.set(origin, times);
    else declines.delete(origin);
    return times.length;
  }

  function noteDecline(origin: string): void {
    declines.set(origin, [...(declines.get(origin) ?? []), now().getTime()].slice(-DECLINES_BEFORE_PAUSE));
  }

  return {
    /** May `frame` ask now? Throws the NotAllowedError the page reads; on success the tab is held for `id`. */
    admit({ frame, id }: { frame: ChapiFrame; id: string }): void {
      if (byTab.has(frame.tabId)) {
        throw pageError('NotAllowedError', 'Another wallet request from this tab is still waiting for an answer.');
      }
      if (recentDeclines(frame.origin) >= DECLINES_BEFORE_PAUSE) {
        throw pageError('NotAllowedError', 'You declined several requests from this site just now (or it withdrew them); it may ask again in a minute.');
      }
      if (pending.size >= MAX_PENDING) throw pageError('NotAllowedError', 'Too many wallet requests are waiting; try again later.');
      byTab.set(frame.tabId, id);
    },
    /** Let the tab ask again (its request was saved as no approval after all). */
    releaseTab(frame: ChapiFrame): void {
      byTab.delete(frame.tabId);
    },
    add(id: string, request: PendingRequest): void {
      pending.set(id, request);
    },
    get: (id: string) => pending.get(id),
    has: (id: string) => pending.has(id),
    /** The request is over (answered or cancelled): forget it and free its tab. */
    remove(id: string): PendingRequest | undefined {
      const request = pending.get(id);
      if (!request) return undefined;
      pending.delete(id);
      byTab.delete(request.frame.tabId);
      return request;
    },
    noteDecline,
    /** The page withdrew a request its window showed: counts like a no, and the tab's next windows don't take focus. */
    noteWithdrawn(frame: ChapiFrame): void {
      noteDecline(frame.origin);
      quietTabs.add(frame.tabId);
    },
    /** The user answered one of the tab's requests: its next request may show its window. */
    noteAnswered(frame: ChapiFrame): void {
      quietTabs.delete(frame.tabId);
    },
    /** May the tab's next window open and take focus? */
    mayFocus: (frame: ChapiFrame) => !quietTabs.has(frame.tabId),
    size: () => pending.size,
  };
}

export type RequestTable = ReturnType<typeof createRequestTable>;
