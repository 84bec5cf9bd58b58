import type { GrayImage, RgbaImage } from './types';

/** Side of the threshold blocks (threshold.ts) in working pixels. */
export const BLOCK = 8;

/** Pixels above which the frame is box-downsampled before finder detection. */
export const MAX_WORK_PIXELS = 2_400_000;

/** Integer downscale factor that brings the image under MAX_WORK_PIXELS. */
export function workScale({ width, height }: { width: number; height: number }): number {
  return Math.max(1, Math.ceil(Math.sqrt((width * height) / MAX_WORK_PIXELS)));
}

/**
 * RGBA → 8-bit luminance (BT.601 weights in fixed point), box-averaged by `scale`.
 * Transparent pixels read as white, as a page background would show them.
 */
export function toGray({ image, scale = 1, scratch }: {
  image: RgbaImage;
  scale?: number;
  /**
   * a buffer to write the luminance into when it is large enough (its old content is not
   * cleared: only the rows named by rowStep are valid), so a caller decoding frame after frame
   * does not allocate (and page in) a fresh 2 MB array per 1080p frame
   */
  scratch?: Uint8Array;
}): GrayImage {
  const { data, width, height } = image;
  const w = Math.floor(width / scale);
  const h = Math.floor(height / scale);
  const out = scratch && scratch.length >= w * h ? scratch.subarray(0, w * h) : new Uint8Array(w * h);
  if (scale === 1 && data.byteOffset % 4 === 0) {
    // Full resolution: only every 4th row up front (the coarse row scan and the block statistics
    // read no others); the rest are computed per pixel by `at`, which the cross-checks and the
    // finder scan's refinement around candidates call sparsely. The 8×8 block statistics of
    // blockThresholds (every pixel of these rows: 16 samples per block, as many as every other
    // pixel of every other row gave) are summed here while the luminance is in hand.
    const px = new Uint32Array(data.buffer, data.byteOffset, w * h);
    const cols = Math.ceil(w / BLOCK);
    const rows = Math.ceil(h / BLOCK);
    const { sums, counts, min, max } = statsArrays(cols * rows);
    const rowStep = 4;
    for (let row = 0; row < h; row += rowStep) {
      const rowEnd = row * w + w;
      let b = (row >> 3) * cols;
      for (let i = row * w; i < rowEnd; b++) {
        const end = i + BLOCK < rowEnd ? i + BLOCK : rowEnd;
        let sum = 0, n = 0, lo = 255, hi = 0;
        for (; i < end; i++, n++) {
          const v = lum32(px[i]);
          out[i] = v;
          sum += v;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        sums[b] += sum;
        counts[b] += n;
        if (lo < min[b]) min[b] = lo;
        if (hi > max[b]) max[b] = hi;
      }
    }
    const at = (x: number, y: number) => ((y & 3) === 0 ? out[y * w + x] : lum32(px[y * w + x]));
    return { data: out, width: w, height: h, scale, rowStep, at, stats: { sums, counts, min, max, cols, rows } };
  }
  const area = scale * scale;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < scale; dy++) {
        let p = ((y * scale + dy) * width + x * scale) * 4;
        for (let dx = 0; dx < scale; dx++, p += 4) {
          const a = data[p + 3];
          const l = (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
          sum += a === 255 ? l : (l * a + 255 * (255 - a)) / 255;
        }
      }
      out[y * w + x] = sum / area;
    }
  }
  return { data: out, width: w, height: h, scale, rowStep: 1, at: (x, y) => out[y * w + x] };
}

/**
 * The block statistics arrays, reused while the grid size stays (a frame after frame caller
 * otherwise makes ~0.25 MB of garbage per photo); reset here, valid until the next call.
 */
let statsPool = { sums: new Uint32Array(0), counts: new Uint16Array(0), min: new Uint8Array(0), max: new Uint8Array(0) };
function statsArrays(n: number) {
  if (statsPool.sums.length !== n) {
    statsPool = { sums: new Uint32Array(n), counts: new Uint16Array(n), min: new Uint8Array(n), max: new Uint8Array(n) };
  }
  statsPool.sums.fill(0);
  statsPool.counts.fill(0);
  statsPool.min.fill(255);
  statsPool.max.fill(0);
  return statsPool;
}

/** Luminance of one little-endian RGBA pixel (0xAABBGGRR), transparent reading as white; an integer 0–255. */
function lum32(v: number): number {
  const y = ((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >> 8;
  const a = v >>> 24;
  return a === 255 ? y : ((y * a + 255 * (255 - a)) / 255) | 0;
}
