import type { ScanStats } from './types';
import { SKIPPED_TAGS } from './visibility';
import { namedError } from '../errors';

const ELEMENT = 1;
const TEXT = 3;
/** nodes between clock reads */
const CHECK_EVERY = 16;

export interface WalkOptions {
  roots: Node[];
  /** called for every element; return false to skip its subtree */
  onElement: (element: Element) => boolean | void;
  onText: (text: Text) => void;
  sliceMs: number;
  yieldToHost: () => Promise<void>;
  signal?: AbortSignal;
}

/** Yields to the page: scheduler.yield() where it exists, else a macrotask. */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Depth-first walk over `roots` (and open shadow roots inside them) that yields to the
 * page whenever a slice has run for `sliceMs`, so a big page never gets a long task.
 * A subtree removed from the document while we were yielded ends that root's walk
 * (its replacement is reported by the MutationObserver as added nodes).
 */
export async function walkTree({ roots, onElement, onText, sliceMs, yieldToHost, signal }: WalkOptions): Promise<ScanStats> {
  const started = performance.now();
  const stats: ScanStats = { nodes: 0, slices: 1, longestSliceMs: 0, totalMs: 0 };
  let sliceStart = started;
  const queue = [...roots];
  while (queue.length) {
    const root = queue.shift()!;
    let node: Node | null = root;
    while (node) {
      let descend = true;
      if (node.nodeType === ELEMENT) {
        const el = node as Element;
        if (SKIPPED_TAGS.has(el.tagName) || onElement(el) === false) descend = false;
        else if (el.shadowRoot) queue.push(el.shadowRoot);
      } else if (node.nodeType === TEXT) {
        onText(node as Text);
      }
      stats.nodes++;
      if (stats.nodes % CHECK_EVERY === 0) {
        const now = performance.now();
        if (now - sliceStart >= sliceMs) {
          stats.longestSliceMs = Math.max(stats.longestSliceMs, now - sliceStart);
          await yieldToHost();
          if (signal?.aborted) throw signal.reason ?? abortError();
          sliceStart = performance.now();
          stats.slices++;
          if (!node.isConnected && root.isConnected) break;
        }
      }
      node = nextNode(node, root, descend);
    }
  }
  const end = performance.now();
  stats.longestSliceMs = Math.max(stats.longestSliceMs, end - sliceStart);
  stats.totalMs = end - started;
  return stats;
}

function nextNode(node: Node, root: Node, descend: boolean): Node | null {
  if (descend && node.firstChild) return node.firstChild;
  let current: Node | null = node;
  while (current && current !== root) {
    if (current.nextSibling) return current.nextSibling;
    current = current.parentNode;
  }
  return null;
}

function abortError(): Error {
  return namedError({ name: 'AbortError', message: 'The scan was aborted.' });
}
