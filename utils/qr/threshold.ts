import { BLOCK } from './grayscale';
import type { BlockStats, GrayImage } from './types';

export { BLOCK };
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
  const { sums, counts, min, max, cols, rows } = gray.stats ?? blockStats(gray);
  const blocks = cols * rows;
  const mean = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) mean[b] = counts[b] ? sums[b] / counts[b] : 255;
  // summed-area table over block means for O(1) neighbourhood means
  const stride = cols + 1;
  const sat = new Float64Array(stride * (rows + 1));
  for (let by = 0; by < rows; by++) {
    let rowSum = 0;
    for (let bx = 0; bx < cols; bx++) {
      rowSum += mean[by * cols + bx];
      sat[(by + 1) * stride + bx + 1] = sat[by * stride + bx + 1] + rowSum;
    }
  }
  // 5×5 min/max over blocks; the 11×11 one (only where 5×5 has no contrast) is the
  // extreme of the 5×5 values at offsets −3, 0, +3 on each axis, centres clamped to the grid
  const lo2 = minMax5(min, cols, rows, false);
  const hi2 = minMax5(max, cols, rows, true);
  const out = new Uint8Array(blocks);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const b = by * cols + bx;
      let lo = lo2[b];
      let hi = hi2[b];
      let radius = 2;
      if (hi - lo < MIN_CONTRAST) {
        radius = 5;
        for (let dy = -3; dy <= 3; dy += 3) {
          const yy = by + dy < 0 ? 0 : by + dy >= rows ? rows - 1 : by + dy;
          for (let dx = -3; dx <= 3; dx += 3) {
            const k = yy * cols + (bx + dx < 0 ? 0 : bx + dx >= cols ? cols - 1 : bx + dx);
            if (lo2[k] < lo) lo = lo2[k];
            if (hi2[k] > hi) hi = hi2[k];
          }
        }
        if (hi - lo < MIN_CONTRAST) continue; // flat: threshold 0, everything light
      }
      // halfway between the neighbourhood mean and its mid-range: the mean alone sits too
      // close to white inside dark-heavy code regions, which eats blurred light modules
      const bx0 = Math.max(0, bx - radius), by0 = Math.max(0, by - radius);
      const bx1 = Math.min(cols, bx + radius + 1), by1 = Math.min(rows, by + radius + 1);
      const m = (sat[by1 * stride + bx1] - sat[by0 * stride + bx1] - sat[by1 * stride + bx0] + sat[by0 * stride + bx0]) /
        ((bx1 - bx0) * (by1 - by0));
      out[b] = (m + (lo + hi) / 2) / 2 + 0.5;
    }
  }
  return { data: out, cols, rows };
}

/**
 * Block statistics from every other pixel of every even row (the rows toGray always fills): a quarter of the reads,
 * and plenty for a threshold (the finder scan itself reads every pixel it tests). Block-major with the statistics
 * in locals: one write per block instead of four per sample. (At full resolution toGray sums its own
 * sample of the same size: every pixel of every 4th row.)
 */
function blockStats({ data, width, height }: GrayImage): BlockStats {
  const cols = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const blocks = cols * rows;
  const sums = new Uint32Array(blocks);
  const counts = new Uint16Array(blocks);
  const min = new Uint8Array(blocks);
  const max = new Uint8Array(blocks);
  for (let by = 0; by < rows; by++) {
    const y0 = by * BLOCK;
    const y1 = y0 + BLOCK < height ? y0 + BLOCK : height;
    for (let bx = 0; bx < cols; bx++) {
      const x0 = bx * BLOCK;
      const x1 = x0 + BLOCK < width ? x0 + BLOCK : width;
      let sum = 0;
      let n = 0;
      let lo = 255;
      let hi = 0;
      for (let y = y0; y < y1; y += 2) {
        const end = y * width + x1;
        for (let i = y * width + x0; i < end; i += 2, n++) {
          const v = data[i];
          sum += v;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      const b = by * cols + bx;
      sums[b] = sum;
      counts[b] = n;
      min[b] = lo;
      max[b] = hi;
    }
  }
  return { sums, counts, min, max, cols, rows };
}

/** Separable 5×5 min (or max) filter over the block grid, clamped at the edges. */
function minMax5(src: Uint8Array, cols: number, rows: number, takeMax: boolean): Uint8Array {
  // transposing keeps both passes row-wise; two monomorphic loops instead of a comparator
  const tmp = new Uint8Array(src.length);
  const out = new Uint8Array(src.length);
  if (takeMax) {
    max5Rows(src, tmp, cols, rows);
    max5Columns(tmp, out, cols, rows);
  } else {
    min5Rows(src, tmp, cols, rows);
    min5Columns(tmp, out, cols, rows);
  }
  return out;
}

function max5Rows(src: Uint8Array, dst: Uint8Array, cols: number, rows: number) {
  for (let y = 0; y < rows; y++) {
    const row = y * cols;
    for (let x = 0; x < cols; x++) {
      let v = 0;
      const k1 = row + (x + 2 < cols ? x + 2 : cols - 1);
      for (let k = row + (x > 2 ? x - 2 : 0); k <= k1; k++) if (src[k] > v) v = src[k];
      dst[row + x] = v;
    }
  }
}

function min5Rows(src: Uint8Array, dst: Uint8Array, cols: number, rows: number) {
  for (let y = 0; y < rows; y++) {
    const row = y * cols;
    for (let x = 0; x < cols; x++) {
      let v = 255;
      const k1 = row + (x + 2 < cols ? x + 2 : cols - 1);
      for (let k = row + (x > 2 ? x - 2 : 0); k <= k1; k++) if (src[k] < v) v = src[k];
      dst[row + x] = v;
    }
  }
}

function max5Columns(src: Uint8Array, dst: Uint8Array, cols: number, rows: number) {
  for (let y = 0; y < rows; y++) {
    const k0 = (y > 2 ? y - 2 : 0) * cols;
    const k1 = (y + 2 < rows ? y + 2 : rows - 1) * cols;
    for (let x = 0; x < cols; x++) {
      let v = 0;
      for (let k = k0 + x; k <= k1 + x; k += cols) if (src[k] > v) v = src[k];
      dst[y * cols + x] = v;
    }
  }
}

function min5Columns(src: Uint8Array, dst: Uint8Array, cols: number, rows: number) {
  for (let y = 0; y < rows; y++) {
    const k0 = (y > 2 ? y - 2 : 0) * cols;
    const k1 = (y + 2 < rows ? y + 2 : rows - 1) * cols;
    for (let x = 0; x < cols; x++) {
      let v = 255;
      for (let k = k0 + x; k <= k1 + x; k += cols) if (src[k] < v) v = src[k];
      dst[y * cols + x] = v;
    }
  }
}
