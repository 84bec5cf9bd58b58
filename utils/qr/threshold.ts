import type { GrayImage } from './types';

export const BLOCK = 8;
const MIN_CONTRAST = 24;

export interface BlockThresholds {
  /** per-block threshold: a pixel is dark when gray < threshold */
  data: Uint8Array;
  cols: number;
  rows: number;
}

/**
 * Local thresholds over 8×8 blocks: the mean of a 5×5 block neighbourhood where it
 * has contrast, else the mean of an 11×11 neighbourhood (large modules), else 0
 * (a flat region: everything light, so it yields no runs at all).
 */
export function blockThresholds({ gray }: { gray: GrayImage }): BlockThresholds {
  const { data, width, height } = gray;
  const cols = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const mean = new Float32Array(cols * rows);
  const min = new Uint8Array(cols * rows);
  const max = new Uint8Array(cols * rows);
  min.fill(255);
  // block statistics from every other pixel of every even row (the rows toGray always fills): a quarter of the reads,
  // and plenty for a threshold (the finder scan itself reads every pixel it tests)
  const counts = new Uint16Array(cols * rows);
  for (let y = 0; y < height; y += 2) {
    const rowBlock = (y >> 3) * cols;
    let i = y * width;
    for (let bx = 0; bx < cols; bx++) {
      const end = Math.min(width, (bx + 1) * BLOCK) + y * width;
      let sum = 0;
      let lo = 255;
      let hi = 0;
      let n = 0;
      for (; i < end; i += 2, n++) {
        const v = data[i];
        sum += v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
      i = end;
      const b = rowBlock + bx;
      mean[b] += sum;
      counts[b] += n;
      if (lo < min[b]) min[b] = lo;
      if (hi > max[b]) max[b] = hi;
    }
  }
  for (let b = 0; b < mean.length; b++) mean[b] = counts[b] ? mean[b] / counts[b] : 255;
  // summed-area table over block means for O(1) neighbourhood means
  const sat = new Float64Array((cols + 1) * (rows + 1));
  for (let by = 0; by < rows; by++) {
    let rowSum = 0;
    for (let bx = 0; bx < cols; bx++) {
      rowSum += mean[by * cols + bx];
      sat[(by + 1) * (cols + 1) + bx + 1] = sat[by * (cols + 1) + bx + 1] + rowSum;
    }
  }
  const areaMean = (bx0: number, by0: number, bx1: number, by1: number) =>
    (sat[by1 * (cols + 1) + bx1] - sat[by0 * (cols + 1) + bx1] - sat[by1 * (cols + 1) + bx0] +
      sat[by0 * (cols + 1) + bx0]) /
    ((bx1 - bx0) * (by1 - by0));
  const near = [2, 5].map((radius) => ({
    radius,
    lo: neighbourhood(min, cols, rows, radius, false),
    hi: neighbourhood(max, cols, rows, radius, true),
  }));
  const out = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const b = by * cols + bx;
      for (let n = 0; n < near.length; n++) {
        const { radius, lo, hi } = near[n];
        if (hi[b] - lo[b] < MIN_CONTRAST) continue;
        // halfway between the neighbourhood mean and its mid-range: the mean alone sits too
        // close to white inside dark-heavy code regions, which eats blurred light modules
        const m = areaMean(Math.max(0, bx - radius), Math.max(0, by - radius),
          Math.min(cols, bx + radius + 1), Math.min(rows, by + radius + 1));
        out[b] = (m + (lo[b] + hi[b]) / 2) / 2 + 0.5;
        break;
      }
    }
  }
  return { data: out, cols, rows };
}

/** Separable (2r+1)² min or max filter over the block grid. */
function neighbourhood(src: Uint8Array, cols: number, rows: number, r: number, takeMax: boolean): Uint8Array {
  const tmp = new Uint8Array(src.length);
  const out = new Uint8Array(src.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let v = src[y * cols + x];
      for (let k = Math.max(0, x - r); k <= Math.min(cols - 1, x + r); k++) {
        const w = src[y * cols + k];
        if (takeMax ? w > v : w < v) v = w;
      }
      tmp[y * cols + x] = v;
    }
  }
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let v = tmp[y * cols + x];
      for (let k = Math.max(0, y - r); k <= Math.min(rows - 1, y + r); k++) {
        const w = tmp[k * cols + x];
        if (takeMax ? w > v : w < v) v = w;
      }
      out[y * cols + x] = v;
    }
  }
  return out;
}
