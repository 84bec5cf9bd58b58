import { BLOCK } from './grayscale';
import type { BlockStats, GrayImage } from './types';

export { BLOCK };
const MIN_CONTRAST = 24;

/**
 * Working arrays of the block grid, reused from call to call while the grid size stays
 * (the camera page and the bench decode frame after frame): eight fresh arrays per frame were
 * ~0.5 MB of garbage per 1600×1200 photo. None of them outlives a call.
 */
const pool = { n: -1, sat: new Float64Array(0), u8: [] as Uint8Array[] };
function grid(n: number, satLength: number): { sat: Float64Array; u8: Uint8Array[] } {
  if (pool.n !== n || pool.sat.length !== satLength) {
    pool.n = n;
    pool.sat = new Float64Array(satLength);
    pool.u8 = Array.from({ length: 6 }, () => new Uint8Array(n));
  }
  return pool;
}

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
  // summed-area table over block means for O(1) neighbourhood means
  const stride = cols + 1;
  const { sat, u8 } = grid(blocks, stride * (rows + 1));
  // row 0 and column 0 of the table stay 0 (the loop below writes every other cell)
  for (let by = 0; by < rows; by++) {
    let rowSum = 0;
    for (let bx = 0; bx < cols; bx++) {
      const b = by * cols + bx;
      rowSum += Math.fround(counts[b] ? sums[b] / counts[b] : 255);
      sat[(by + 1) * stride + bx + 1] = sat[by * stride + bx + 1] + rowSum;
    }
  }
  // 5×5 min/max over blocks; the 11×11 one (only where 5×5 has no contrast) is the
  // extreme of the 5×5 values at offsets −3, 0, +3 on each axis, centres clamped to the grid
  const [lo2, hi2] = minMax5(min, max, cols, rows, u8);
  // (photos have many blocks without contrast in 5×5 — paper, desk — so the 11×11 extremes are
  // taken for every block in two separable 3-tap passes rather than nine clamped reads per block)
  const [lo11, hi11] = spread3(lo2, hi2, cols, rows, u8);
  const out = new Uint8Array(blocks);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const b = by * cols + bx;
      let lo = lo2[b];
      let hi = hi2[b];
      let radius = 2;
      if (hi - lo < MIN_CONTRAST) {
        radius = 5;
        lo = lo11[b];
        hi = hi11[b];
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
 * Block statistics (for a box-downsampled gray, where toGray fills every row) from every other pixel of every even row: a quarter of the reads,
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

/**
 * Separable 5×5 min and max filters over the block grid, clamped at the edges: both in one
 * pass per axis, the five taps spelled out (no inner loop), the column pass row by row.
 */
function minMax5(min: Uint8Array, max: Uint8Array, cols: number, rows: number, scratch: Uint8Array[]): [Uint8Array, Uint8Array] {
  // every cell of these is written before it is read
  const [tlo, thi, lo2, hi2] = scratch;
  const last = cols - 1;
  for (let y = 0; y < rows; y++) {
    const r = y * cols;
    for (let x = 0; x < cols; x++) {
      const i0 = r + (x > 1 ? x - 2 : 0);
      const i1 = r + (x > 0 ? x - 1 : 0);
      const i2 = r + x;
      const i3 = r + (x < last ? x + 1 : last);
      const i4 = r + (x + 1 < last ? x + 2 : last);
      let a = min[i0], b = max[i0], v = 0;
      v = min[i1]; if (v < a) a = v;
      v = min[i2]; if (v < a) a = v;
      v = min[i3]; if (v < a) a = v;
      v = min[i4]; if (v < a) a = v;
      v = max[i1]; if (v > b) b = v;
      v = max[i2]; if (v > b) b = v;
      v = max[i3]; if (v > b) b = v;
      v = max[i4]; if (v > b) b = v;
      tlo[i2] = a;
      thi[i2] = b;
    }
  }
  const lastRow = rows - 1;
  for (let y = 0; y < rows; y++) {
    const r0 = (y > 1 ? y - 2 : 0) * cols;
    const r1 = (y > 0 ? y - 1 : 0) * cols;
    const r2 = y * cols;
    const r3 = (y < lastRow ? y + 1 : lastRow) * cols;
    const r4 = (y + 1 < lastRow ? y + 2 : lastRow) * cols;
    for (let x = 0; x < cols; x++) {
      let a = tlo[r0 + x], b = thi[r0 + x], v = 0;
      v = tlo[r1 + x]; if (v < a) a = v;
      v = tlo[r2 + x]; if (v < a) a = v;
      v = tlo[r3 + x]; if (v < a) a = v;
      v = tlo[r4 + x]; if (v < a) a = v;
      v = thi[r1 + x]; if (v > b) b = v;
      v = thi[r2 + x]; if (v > b) b = v;
      v = thi[r3 + x]; if (v > b) b = v;
      v = thi[r4 + x]; if (v > b) b = v;
      lo2[r2 + x] = a;
      hi2[r2 + x] = b;
    }
  }
  return [lo2, hi2];
}

/** Min of `lo` and max of `hi` over the block offsets −3, 0, +3 on each axis, clamped to the grid. */
function spread3(lo: Uint8Array, hi: Uint8Array, cols: number, rows: number, scratch: Uint8Array[]): [Uint8Array, Uint8Array] {
  // minMax5's row temporaries are free again; every cell is written before it is read
  const [tlo, thi, , , lo11, hi11] = scratch;
  const last = cols - 1;
  for (let y = 0; y < rows; y++) {
    const r = y * cols;
    for (let x = 0; x < cols; x++) {
      const i0 = r + (x > 2 ? x - 3 : 0);
      const i2 = r + (x + 3 < last ? x + 3 : last);
      let a = lo[r + x], b = hi[r + x], v = 0;
      v = lo[i0]; if (v < a) a = v;
      v = lo[i2]; if (v < a) a = v;
      v = hi[i0]; if (v > b) b = v;
      v = hi[i2]; if (v > b) b = v;
      tlo[r + x] = a;
      thi[r + x] = b;
    }
  }
  const lastRow = rows - 1;
  for (let y = 0; y < rows; y++) {
    const r0 = (y > 2 ? y - 3 : 0) * cols;
    const r1 = y * cols;
    const r2 = (y + 3 < lastRow ? y + 3 : lastRow) * cols;
    for (let x = 0; x < cols; x++) {
      let a = tlo[r1 + x], b = thi[r1 + x], v = 0;
      v = tlo[r0 + x]; if (v < a) a = v;
      v = tlo[r2 + x]; if (v < a) a = v;
      v = thi[r0 + x]; if (v > b) b = v;
      v = thi[r2 + x]; if (v > b) b = v;
      lo11[r1 + x] = a;
      hi11[r1 + x] = b;
    }
  }
  return [lo11, hi11];
}
