// The slim entry for a content script: scanning without classification (no utils/vcalm in
// the bundle). Whoever receives these findings must classify them (classifyFound): a
// content script's output is untrusted input anyway.
import { addedRoots, collectFromRoots, documentRoots } from './collect';
import type { RawFinding, ScanOptions, ScanResult } from './types';
import { createWatcher } from './watcher';

export function scanDocumentRaw({ document, ...options }: { document: Document } & ScanOptions): Promise<ScanResult<RawFinding>> {
  return collectFromRoots({ roots: documentRoots(document), document, options });
}

export function scanAddedNodesRaw({ nodes, ...options }: { nodes: Iterable<Node> } & ScanOptions): Promise<ScanResult<RawFinding>> {
  const { roots, document } = addedRoots(nodes);
  return collectFromRoots({ roots, document, options });
}

export const watchDocumentRaw = createWatcher<RawFinding>({ scanDocument: scanDocumentRaw, scanAddedNodes: scanAddedNodesRaw });
