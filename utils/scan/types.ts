import type { Classification } from '../vcalm/classify';

export type FindingSource = 'link' | 'text' | 'image';

/** A value found on a page, not yet classified (what a slim content script sends on). */
export interface RawFinding {
  source: FindingSource;
  /** the raw value as found (resolved href, the text match, the QR text) */
  value: string;
  /** where it was found, for the popup and for debugging */
  where: FindingLocation;
}

/** One value found on a page (or decoded from one of its images), with what it is. */
export interface Finding extends RawFinding {
  classification: Classification;
}

export interface FindingLocation {
  /** lower-case tag name of the element holding the value (parent element for text) */
  tag?: string;
  /** 'href' for links, the image URL for decoded images */
  attribute?: string;
  /** image source (URL, 'canvas', 'svg', 'screenshot', 'upload') for image findings */
  image?: string;
  /** bounds of a decoded QR code inside its image */
  bounds?: { x: number; y: number; width: number; height: number };
}

/** An image on the page that may hold a QR code; decoded elsewhere (background/offscreen). */
export interface ImageCandidate {
  kind: 'img' | 'canvas' | 'svg';
  /** absolute URL for <img> (currentSrc or src); undefined for canvas/svg */
  src?: string;
  /** best known size in CSS pixels (0 when unknown, e.g. not laid out) */
  width: number;
  height: number;
  /** the element itself: the content script reads canvas/svg pixels from it. Not serialisable. */
  element: Element;
}

export interface ScanStats {
  nodes: number;
  slices: number;
  longestSliceMs: number;
  totalMs: number;
}

export interface ScanResult<F extends RawFinding = Finding> {
  findings: F[];
  images: ImageCandidate[];
  stats: ScanStats;
}

export interface ScanOptions {
  /** time budget of one slice before yielding to the page (default 8 ms) */
  sliceMs?: number;
  /** how to yield between slices (default: scheduler.yield or a macrotask) */
  yieldToHost?: () => Promise<void>;
  /** images smaller than this on both sides (when the size is known) are skipped (default 40) */
  minImageSize?: number;
  signal?: AbortSignal;
}
