import { scanAddedNodes, scanDocument } from './scan-nodes';
import type { Finding } from './types';
import { createWatcher } from './watcher';

/**
 * Watches a document: full scan, then debounced incremental scans of what mutations add.
 * Findings are classified; onResult gets only what is new. Returns {ready, flush, stop}.
 */
export const watchDocument = createWatcher<Finding>({ scanDocument, scanAddedNodes });
