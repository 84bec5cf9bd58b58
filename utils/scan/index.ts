export { scanDocument, scanAddedNodes } from './scan-nodes';
export { scanDocumentRaw, scanAddedNodesRaw, watchDocumentRaw } from './scan-raw';
export { watchDocument } from './watch-document';
export { createWatcher, type PageWatch, type WatchOptions } from './watcher';
export { classifyFound } from './classify-found';
export { candidatesInText, isCandidateUrl } from './candidates';
export type {
  Finding, FindingLocation, FindingSource, ImageCandidate, RawFinding, ScanOptions, ScanResult, ScanStats,
} from './types';
