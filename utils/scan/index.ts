export { scanDocument, scanAddedNodes } from './scan-nodes';
export { watchDocument, type PageWatch } from './watch-document';
export { classifyFound } from './classify-found';
export { candidatesInText, isCandidateUrl } from './candidates';
export type { Finding, FindingLocation, FindingSource, ImageCandidate, ScanOptions, ScanResult, ScanStats } from './types';
