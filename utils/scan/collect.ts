import { candidatesInText, isCandidateUrl, MAX_VALUE_LENGTH } from './candidates';
import type { ImageCandidate, RawFinding, ScanOptions, ScanResult } from './types';
import { isVisible } from './visibility';
import { defaultYield, walkTree } from './walk';

/** Walks `roots` (time-sliced) and collects candidate values and image candidates, unclassified. */
export function collectFromRoots({ roots, document, options }: {
  roots: Node[]; document?: Document; options: ScanOptions;
}): Promise<ScanResult<RawFinding>> {
  const { sliceMs = 8, yieldToHost = defaultYield, minImageSize = 40, signal } = options;
  if (!(sliceMs > 0)) throw new TypeError('"sliceMs" must be a positive number.');
  if (typeof yieldToHost !== 'function') throw new TypeError('"yieldToHost" must be a function.');
  const findings: RawFinding[] = [];
  const images: ImageCandidate[] = [];
  const seen = new Set<string>();
  const base = document?.baseURI;
  const add = (finding: RawFinding) => {
    const key = `${finding.source}\n${finding.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };
  const onElement = (el: Element): boolean | void => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'a' || tag === 'area') {
      const href = linkValue(el.getAttribute('href'), base);
      if (href) add({ source: 'link', value: href, where: { tag, attribute: 'href' } });
    } else if (tag === 'img') {
      const img = el as HTMLImageElement;
      const src = img.currentSrc || img.src;
      const width = img.naturalWidth || img.width || 0;
      const height = img.naturalHeight || img.height || 0;
      if (src && !tooSmall(width, height, minImageSize)) images.push({ kind: 'img', src, width, height, element: el });
    } else if (tag === 'canvas') {
      const { width, height } = el as HTMLCanvasElement;
      if (!tooSmall(width, height, minImageSize)) images.push({ kind: 'canvas', width, height, element: el });
    } else if (tag === 'svg') {
      const width = Number.parseFloat(el.getAttribute('width') ?? '') || 0;
      const height = Number.parseFloat(el.getAttribute('height') ?? '') || 0;
      if (!tooSmall(width, height, minImageSize)) images.push({ kind: 'svg', width, height, element: el });
      return false; // an inline svg is one image; its <text> is not page text
    }
  };
  const onText = (text: Text) => {
    const values = candidatesInText(text.data);
    if (!values.length) return;
    const parent = text.parentElement;
    if (parent && !isVisible(parent)) return;
    for (const value of values) add({ source: 'text', value, where: { tag: parent?.tagName.toLowerCase() } });
  };
  return walkTree({ roots, onElement, onText, sliceMs, yieldToHost, signal }).then((stats) => ({ findings, images, stats }));
}

/** Roots for a full-document scan. */
export function documentRoots(document: Document): Node[] {
  if (!document || typeof document.createElement !== 'function') throw new TypeError('"document" must be a DOM Document.');
  return [document.documentElement ?? document];
}

/** Roots for a MutationObserver batch: connected nodes not inside another passed node. */
export function addedRoots(nodes: Iterable<Node>): { roots: Node[]; document?: Document } {
  if (!nodes || typeof (nodes as Iterable<Node>)[Symbol.iterator] !== 'function') throw new TypeError('"nodes" must be an iterable of DOM nodes.');
  const list = [...nodes].filter((n) => n && n.isConnected);
  const set = new Set(list);
  const roots = list.filter((n) => {
    for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
    return true;
  });
  return { roots, document: roots[0]?.ownerDocument ?? undefined };
}

function linkValue(raw: string | null, base: string | undefined): string | undefined {
  if (!raw) return;
  const trimmed = raw.trim().slice(0, MAX_VALUE_LENGTH);
  if (isCandidateUrl(trimmed)) return trimmed;
  if (!/iuv=|credential_offer|request_uri/i.test(trimmed)) return;
  try {
    const resolved = new URL(trimmed, base).href;
    return isCandidateUrl(resolved) ? resolved : undefined;
  } catch {
    return;
  }
}

function tooSmall(width: number, height: number, min: number): boolean {
  return width > 0 && height > 0 && width < min && height < min;
}
