import type { ImageCandidate, RawFinding, ScanOptions, ScanResult } from './types';

export interface PageWatch<F extends RawFinding = RawFinding> {
  /** resolves with the first full scan's result (also passed to onResult) */
  ready: Promise<ScanResult<F>>;
  /** scan pending mutations now instead of after the debounce */
  flush: () => Promise<void>;
  stop: () => void;
}

export interface WatchOptions<F extends RawFinding> extends ScanOptions {
  document: Document;
  onResult: (result: ScanResult<F>) => void;
  onError?: (error: unknown) => void;
  /** quiet time after the last mutation before scanning (default 200 ms) */
  debounceMs?: number;
}

/**
 * Builds a watcher over a pair of scanners: full scan, then incremental scans of added
 * subtrees (MutationObserver, debounced). onResult receives only what is new since the
 * previous call (findings deduped by source + value, images by element). Scans never overlap.
 */
export function createWatcher<F extends RawFinding>({ scanDocument, scanAddedNodes }: {
  scanDocument: (o: { document: Document } & ScanOptions) => Promise<ScanResult<F>>;
  scanAddedNodes: (o: { nodes: Iterable<Node> } & ScanOptions) => Promise<ScanResult<F>>;
}) {
  return function watch({ document, onResult, onError, debounceMs = 200, ...options }: WatchOptions<F>): PageWatch<F> {
    if (!document || typeof document.createElement !== 'function') throw new TypeError('"document" must be a DOM Document.');
    if (typeof onResult !== 'function') throw new TypeError('"onResult" must be a function.');
    const seenFindings = new Set<string>();
    const seenImages = new WeakSet<Element>();
    const pending = new Set<Node>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<unknown> = Promise.resolve();
    let stopped = false;

    const emitNew = (result: ScanResult<F>): ScanResult<F> => {
      const findings = result.findings.filter((f) => {
        const key = `${f.source}\n${f.value}`;
        if (seenFindings.has(key)) return false;
        seenFindings.add(key);
        return true;
      });
      const images = result.images.filter((i: ImageCandidate) => {
        if (seenImages.has(i.element)) return false;
        seenImages.add(i.element);
        return true;
      });
      const fresh = { findings, images, stats: result.stats };
      if (!stopped && (findings.length || images.length)) onResult(fresh);
      return fresh;
    };
    const report = (error: unknown) => onError?.(error);

    const ready = scanDocument({ document, ...options }).then(emitNew);
    running = ready.catch(report);

    const flush = (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const nodes = [...pending];
      pending.clear();
      if (!nodes.length || stopped) return running.then(() => undefined);
      running = running.then(() => scanAddedNodes({ nodes, ...options }).then(emitNew)).catch(report);
      return running.then(() => undefined);
    };

    const MutationObserverImpl = (document.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? globalThis.MutationObserver;
    const observer = new MutationObserverImpl((records) => {
      for (const record of records) {
        if (record.type === 'childList') record.addedNodes.forEach((n) => pending.add(n));
        else if (record.target) pending.add(record.target);
      }
      if (!pending.size || stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), debounceMs);
    });
    observer.observe(document, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href', 'src'],
    });

    return {
      ready,
      flush,
      stop: () => {
        stopped = true;
        observer.disconnect();
        if (timer) clearTimeout(timer);
        pending.clear();
      },
    };
  };
}
