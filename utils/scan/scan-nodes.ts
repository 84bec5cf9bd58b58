import { classifyFound } from './classify-found';
import { addedRoots, collectFromRoots, documentRoots } from './collect';
import type { Finding, RawFinding, ScanOptions, ScanResult } from './types';

/**
 * Scans the whole document: interaction-like links, visible text, and image candidates,
 * each finding classified (utils/vcalm). Time-sliced (ScanOptions.sliceMs); resolves when
 * done. Bad arguments throw TypeError synchronously.
 */
export function scanDocument({ document, ...options }: { document: Document } & ScanOptions): Promise<ScanResult> {
  const roots = documentRoots(document);
  return collectFromRoots({ roots, document, options }).then(classifyAll);
}

/**
 * Scans only what a MutationObserver batch added: pass every added node (elements and text);
 * nodes inside another passed node, and nodes no longer in the document, are skipped.
 */
export function scanAddedNodes({ nodes, ...options }: { nodes: Iterable<Node> } & ScanOptions): Promise<ScanResult> {
  const { roots, document } = addedRoots(nodes);
  return collectFromRoots({ roots, document, options }).then(classifyAll);
}

function classifyAll(result: ScanResult<RawFinding>): ScanResult<Finding> {
  return { ...result, findings: result.findings.map((f) => classifyFound(f)) };
}
