// Content-script side: turn a utils/scan result into reportScan messages (capped like the
// background's parser expects) and send them. Only raw values leave the page; the background
// classifies them and answers nothing.
import type { ImageCandidate, RawFinding, ScanResult } from '../types';
import type { ReportedFinding, ReportedImage, ReportScanData } from '../../messaging/scan';
import { REPORT_LIMITS } from '../../messaging/scan-limits';
import { rasterize } from './rasterize';

const FETCHABLE = /^(https?:\/\/|data:image\/(png|jpeg|gif|webp|bmp);base64,)/i;

export function findingsToReport(findings: RawFinding[]): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  for (const f of findings) {
    if (f.source === 'image' || !f.value || f.value.length > REPORT_LIMITS.valueLength) continue;
    out.push({ source: f.source, value: f.value, where: { tag: (f.where.tag ?? '').slice(0, 40) } });
  }
  return out;
}

/**
 * Images the page has already loaded from its own origin (or data:, blob:) and SVG images are
 * rasterised here: no second download, exact pixels. Other images go by URL: the background
 * fetches them (it can read cross-origin pixels; the page cannot).
 */
export async function imagesToReport(candidates: ImageCandidate[]): Promise<ReportedImage[]> {
  const out: ReportedImage[] = [];
  for (const c of candidates) {
    const width = Math.min(Math.round(c.width), REPORT_LIMITS.imageSide);
    const height = Math.min(Math.round(c.height), REPORT_LIMITS.imageSide);
    let src: string | undefined;
    if (c.kind === 'img') {
      const img = c.element as HTMLImageElement;
      const url = c.src ?? '';
      const svg = /^data:image\/svg|\.svg(\?|#|$)/i.test(url);
      const local = /^(data|blob):/i.test(url) || sameOrigin(url);
      // rasterize throws for a tainted (cross-origin) canvas: then the image goes by URL, or is skipped.
      if ((local || svg) && img.complete && img.naturalWidth) src = await rasterize(img, 'img').catch(() => undefined);
      if (!src && !svg && FETCHABLE.test(url)) src = url;
    } else {
      src = await rasterize(c.element, c.kind).catch(() => undefined); // tainted canvas: skipped, as above
    }
    if (!src || src.length > (src.startsWith('data:') ? REPORT_LIMITS.dataUrlLength : REPORT_LIMITS.urlLength)) continue;
    out.push({ kind: c.kind, src, width, height });
  }
  return out;
}

function sameOrigin(url: string): boolean {
  try {
    return new URL(url).origin === location.origin;
  } catch {
    return false;
  }
}

/** Splits one result into messages within the per-message caps. */
export function* reports({ findings, images, reset }: { findings: ReportedFinding[]; images: ReportedImage[]; reset: boolean }): Generator<ReportScanData> {
  let first = reset;
  let f = 0;
  let i = 0;
  do {
    const data: ReportScanData = {
      findings: findings.slice(f, f + REPORT_LIMITS.findings),
      images: images.slice(i, i + REPORT_LIMITS.images),
    };
    if (first) data.reset = true;
    f += REPORT_LIMITS.findings;
    i += REPORT_LIMITS.images;
    first = false;
    yield data;
  } while (f < findings.length || i < images.length);
}

export type { ScanResult };
