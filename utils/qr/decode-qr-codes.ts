import jsQR, { type QRCode } from 'jsqr';
import { contains, cropRgba, cropRgbaDown, tripleBounds } from './crop';
import { findFinderPatterns } from './find-finder-patterns';
import { toGray, workScale } from './grayscale';
import { groupFinderPatterns, type FinderTriple } from './group-finder-patterns';
import { rectifyTriple } from './rectify';
import { blockThresholds } from './threshold';
import { timingScore } from './timing-pattern';
import type { Bounds, DecodedQrCode, DecodeQrResult, FinderPattern, RgbaImage } from './types';
import { validateImage } from './validate-image';

/**
 * Images up to this many pixels (640×480) go through whole-image jsQR when the finder path
 * found nothing at all: there jsQR costs about what locating costs. Larger frames (a 720p
 * camera frame: ~100 ms of jsQR) get it only when something code-like was seen and not read.
 */
export const FALLBACK_MAX_PIXELS = 640 * 480;

/** Fraction of timing-pattern modules that must read right before a triple is decoded. */
const MIN_TIMING_SCORE = 0.6;
/** Scan rows that must confirm each finder pattern of a triple tried without a timing match. */
const STRONG_FINDER_ROWS = 4;
const MAX_UNTIMED = 4;
const MAX_PAIRS = 3;

/**
 * The luminance buffer of the last call, reused by the next one of the same size or smaller:
 * the camera page decodes frame after frame, and a fresh 1–2 MB array per frame costs its
 * page faults and a garbage collection every few frames. Nothing of it outlives a call.
 */
let grayScratch = new Uint8Array(0);

export interface DecodeQrOptions {
  image: RgbaImage;
  /** stop after this many distinct codes (default 16) */
  maxCodes?: number;
  /** cap on jsQR calls on crops (default 48) */
  maxAttempts?: number;
  /**
   * 'auto' (default): whole-image jsQR when nothing was found, for images ≤ FALLBACK_MAX_PIXELS
   * or when finder-pattern triples were seen but none decoded;
   * 'never'; 'always': also for large frames (slow: 100–900 ms on 1080p).
   */
  fallback?: 'auto' | 'never' | 'always';
}

/**
 * Finds and decodes every QR code in an RGBA image (screenshot, photo, canvas):
 * finder patterns → triples → cropped jsQR per code. Codes are deduplicated by text.
 */
export function decodeQrCodes({ image, maxCodes = 16, maxAttempts = 48, fallback = 'auto' }: DecodeQrOptions): DecodeQrResult {
  const t0 = performance.now();
  const img = validateImage(image);
  if (!Number.isInteger(maxCodes) || maxCodes < 1) throw new TypeError('"maxCodes" must be a positive integer.');
  if (!['auto', 'never', 'always'].includes(fallback)) throw new TypeError('"fallback" must be "auto", "never" or "always".');
  const scale = workScale(img);
  const pixels = Math.floor(img.width / scale) * Math.floor(img.height / scale);
  if (grayScratch.length < pixels) grayScratch = new Uint8Array(pixels);
  const gray = toGray({ image: img, scale, scratch: grayScratch });
  const t1 = performance.now();
  const thresholds = blockThresholds({ gray });
  const t2 = performance.now();
  const patterns = findFinderPatterns({ gray, thresholds });
  // Triples whose timing pattern reads right go first. A photographed code under perspective
  // or blur often fails that check (its module size changes along the edge), so triples of
  // three strongly confirmed finder patterns follow, a few at most.
  const grouped = groupFinderPatterns({ patterns });
  const timed = new Set(grouped.filter((triple) => timingScore({ triple, gray, thresholds }) >= MIN_TIMING_SCORE));
  const strong = grouped.filter((t) => !timed.has(t) && [t.corner, t.a, t.b].every((p) => p.count >= STRONG_FINDER_ROWS));
  const triples = [...timed, ...strong];
  const t3 = performance.now();

  const codes: DecodedQrCode[] = [];
  const seen = new Set<string>();
  const used = new Set<object>();
  let attempts = 0;
  let untimed = 0;
  const add = (code: DecodedQrCode) => {
    // an empty payload is what jsQR reads out of noise now and then: not a code
    if (!code.text || seen.has(code.text)) return;
    seen.add(code.text);
    codes.push(code);
  };
  for (const triple of triples) {
    if (codes.length >= maxCodes || attempts >= maxAttempts) break;
    if (used.has(triple.corner) || used.has(triple.a) || used.has(triple.b)) continue;
    const cx = ((triple.a.x + triple.b.x) / 2) * gray.scale;
    const cy = ((triple.a.y + triple.b.y) / 2) * gray.scale;
    if (codes.some((c) => contains(c.bounds, cx, cy))) continue;
    // untimed triples: a few jsQR attempts at most. Counted when tried, not when listed: on a
    // photo of several tags the best-scoring untimed triples often pair finders of a code
    // already read with those of another tag, and are skipped above.
    if (!timed.has(triple) && untimed++ >= MAX_UNTIMED) break;
    attempts++;
    const found = decodeTriple(img, triple, gray.scale);
    if (!found) continue;
    used.add(triple.corner).add(triple.a).add(triple.b);
    add(found);
  }
  // Two strong finder patterns and no third (glare, a fold, a finder cut by the tag edge):
  // the code lies within one leg of their midpoint whichever corners they are; jsQR gets that square.
  const pairs = codes.length === 0 ? strongPairs(patterns).slice(0, MAX_PAIRS) : [];
  if (codes.length === 0) {
    for (const pair of pairs) {
      if (attempts >= maxAttempts) break;
      attempts++;
      const found = decodePair(img, pair, gray.scale);
      if (found) {
        add(found);
        break;
      }
    }
  }
  // Larger frames get the whole-image pass only when something code-like was seen and not read
  // (a triple or two strong finders jsQR failed on): a frame without a code is rejected after
  // the locating passes alone, jsQR never sees it.
  const wantFallback = fallback === 'always' ||
    (fallback === 'auto' && (img.width * img.height <= FALLBACK_MAX_PIXELS || triples.length > 0 || pairs.length > 0));
  if (codes.length === 0 && wantFallback) {
    attempts++;
    const qr = jsQR(img.data as Uint8ClampedArray, img.width, img.height, { inversionAttempts: 'attemptBoth' });
    if (qr) add({ text: qr.data, ...locationBounds(qr, { x: 0, y: 0, width: img.width, height: img.height }), inverted: false, via: 'fallback' });
  }
  const t4 = performance.now();
  return {
    codes,
    timings: {
      grayMs: t1 - t0,
      thresholdMs: t2 - t1,
      findersMs: t3 - t2,
      decodeMs: t4 - t3,
      totalMs: t4 - t0,
      finderPatterns: patterns.length,
      candidates: triples.length,
      decodeAttempts: attempts,
    },
  };
}

function decodeTriple(image: RgbaImage, triple: FinderTriple, scale: number): DecodedQrCode | undefined {
  const box = tripleBounds({ triple, scale, width: image.width, height: image.height });
  if (box.width < 21 || box.height < 21) return;
  const inverted = triple.corner.inverted;
  const rectified = rectifyTriple({ image, triple, scale });
  if (rectified) {
    const qr = jsQR(rectified.image.data as Uint8ClampedArray, rectified.image.width, rectified.image.height, { inversionAttempts: 'dontInvert' });
    if (qr) return { text: qr.data, ...rectifiedBounds(qr, rectified.toSource, image), inverted, via: 'finders' };
  }
  const module = triple.module * scale;
  // big modules: shrink the crop so jsQR reads ~3.5 px modules (its cost grows with pixels)
  const down = Math.floor(module / 3.5);
  if (down >= 2) {
    const qr = jsQRImage(cropRgbaDown({ image, bounds: box, factor: down }), inverted);
    if (qr) return { text: qr.data, ...locationBounds(qr, box, 1 / down), inverted, via: 'finders' };
  }
  // tiny modules decode better enlarged; jsQR samples module centres
  const upscale = module < 2.5 ? 2 : 1;
  let qr = jsQRImage(cropRgba({ image, bounds: box, upscale }), inverted);
  if (qr) return { text: qr.data, ...locationBounds(qr, box, upscale), inverted, via: 'finders' };
  // soft small codes: jsQR's sampling grid sometimes only locks on at another enlargement
  for (const more of [2, 3]) {
    if (more <= upscale || module * more > 10) continue;
    qr = jsQRImage(cropRgba({ image, bounds: box, upscale: more }), inverted);
    if (qr) return { text: qr.data, ...locationBounds(qr, box, more), inverted, via: 'finders' };
  }
  // low-contrast codes (grey on grey): stretch the code's own luminance range to 0–255
  const factor = down >= 2 ? 1 / down : upscale;
  const crop = down >= 2 ? cropRgbaDown({ image, bounds: box, factor: down }) : cropRgba({ image, bounds: box, upscale });
  if (stretchContrast(crop)) {
    qr = jsQRImage(crop, inverted);
    if (qr) return { text: qr.data, ...locationBounds(qr, box, factor), inverted, via: 'finders' };
  }
}

function strongPairs(patterns: FinderPattern[]): [FinderPattern, FinderPattern][] {
  const strong = patterns.filter((p) => p.count >= STRONG_FINDER_ROWS * 2);
  const pairs: [FinderPattern, FinderPattern][] = [];
  for (let i = 0; i < strong.length; i++) {
    for (let j = i + 1; j < strong.length; j++) {
      const [p, q] = [strong[i], strong[j]];
      const ratio = p.module / q.module;
      if (p.inverted !== q.inverted || ratio < 0.6 || ratio > 1.67) continue;
      const modules = Math.hypot(p.x - q.x, p.y - q.y) / ((p.module + q.module) / 2);
      if (modules >= 10 && modules <= 190) pairs.push([p, q]);
    }
  }
  return pairs;
}

function decodePair(image: RgbaImage, [p, q]: [FinderPattern, FinderPattern], scale: number): DecodedQrCode | undefined {
  const module = ((p.module + q.module) / 2) * scale;
  const half = Math.hypot(p.x - q.x, p.y - q.y) * scale * 1.05 + module * 6;
  const cx = ((p.x + q.x) / 2) * scale;
  const cy = ((p.y + q.y) / 2) * scale;
  const x = Math.max(0, Math.floor(cx - half));
  const y = Math.max(0, Math.floor(cy - half));
  const box = { x, y, width: Math.min(image.width, Math.ceil(cx + half)) - x, height: Math.min(image.height, Math.ceil(cy + half)) - y };
  const down = Math.max(1, Math.floor(module / 3.5));
  const crop = down >= 2 ? cropRgbaDown({ image, bounds: box, factor: down }) : cropRgba({ image, bounds: box });
  const qr = jsQRImage(crop, p.inverted);
  if (qr) return { text: qr.data, ...locationBounds(qr, box, 1 / down), inverted: p.inverted, via: 'finders' };
}

/** Maps the luminance range of the crop's centre half to 0–255 in place; false when already wide. */
function stretchContrast(crop: RgbaImage): boolean {
  const { data, width, height } = crop;
  let lo = 255;
  let hi = 0;
  for (let y = height >> 2; y < (height * 3) >> 2; y++) {
    for (let x = width >> 2, p = (y * width + x) * 4; x < (width * 3) >> 2; x++, p += 4) {
      const l = (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
      if (l < lo) lo = l;
      if (l > hi) hi = l;
    }
  }
  if (hi - lo > 180 || hi - lo < 16) return false;
  const k = 255 / (hi - lo);
  for (let p = 0; p < data.length; p += 4) {
    data[p] = (data[p] - lo) * k;
    data[p + 1] = (data[p + 1] - lo) * k;
    data[p + 2] = (data[p + 2] - lo) * k;
  }
  return true;
}

// jsQR's 'onlyInvert' crashes (1.4.0) and its options leak between calls, so we invert
// the crop ourselves and always pass explicit options.
function jsQRImage(crop: RgbaImage, inverted: boolean): QRCode | null {
  if (inverted) {
    const d = crop.data;
    for (let i = 0; i < d.length; i += 4) {
      d[i] = 255 - d[i];
      d[i + 1] = 255 - d[i + 1];
      d[i + 2] = 255 - d[i + 2];
    }
  }
  return jsQR(crop.data as Uint8ClampedArray, crop.width, crop.height, { inversionAttempts: 'dontInvert' });
}

type Point = { x: number; y: number };

/**
 * Where jsQR's code lies in source pixels: its four corners (top-left, top-right,
 * bottom-right, bottom-left: a tilted code's real outline) and the box around them, clamped to `clamp`.
 */
function place(qr: QRCode, toSource: (x: number, y: number) => Point, clamp: Bounds): Pick<DecodedQrCode, 'bounds' | 'corners'> {
  const l = qr.location;
  const corners = [l.topLeftCorner, l.topRightCorner, l.bottomRightCorner, l.bottomLeftCorner]
    .map((p) => toSource(p.x, p.y)) as [Point, Point, Point, Point];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.max(clamp.x, Math.floor(Math.min(...xs)));
  const y = Math.max(clamp.y, Math.floor(Math.min(...ys)));
  const bounds = {
    x,
    y,
    width: Math.min(clamp.x + clamp.width, Math.ceil(Math.max(...xs))) - x,
    height: Math.min(clamp.y + clamp.height, Math.ceil(Math.max(...ys))) - y,
  };
  return { bounds, corners };
}

function rectifiedBounds(qr: QRCode, toSource: (x: number, y: number) => Point, image: RgbaImage) {
  return place(qr, toSource, { x: 0, y: 0, width: image.width, height: image.height });
}

function locationBounds(qr: QRCode, box: Bounds, upscale = 1) {
  return place(qr, (x, y) => ({ x: box.x + x / upscale, y: box.y + y / upscale }), box);
}
