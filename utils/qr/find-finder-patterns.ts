import type { BlockThresholds } from './threshold';
import { finderRatio } from './finder-ratio';
import type { FinderPattern, GrayImage } from './types';

interface Candidate extends FinderPattern {
  lastY: number;
}

/**
 * Scans rows for 1:1:3:1:1 runs (either polarity), confirms each hit on its column and
 * clusters hits from neighbouring rows into finder patterns.
 *
 * Rows are scanned every `gray.rowStep` (the rows toGray computed; 4 at full resolution),
 * then, around every candidate the coarse pass found, the rows halfway between are scanned
 * too, so each finder is confirmed by as many rows as a scan of every other row would give
 * it (what the count filters below and in decodeQrCodes were made for). A finder's centre
 * band is 3 modules tall: from 2.5 px modules on, at least one coarse row crosses it. The
 * coarse pass reads half the pixels of a pass over every other row, and toGray computes
 * half the rows: on a 1080p frame that is most of the time a frame without a code costs.
 */
export function findFinderPatterns({
  gray,
  thresholds,
  maxPatterns = 400,
}: {
  gray: GrayImage;
  thresholds: BlockThresholds;
  maxPatterns?: number;
}): FinderPattern[] {
  const { data, width, height } = gray;
  const thr = thresholds.data;
  const cols = thresholds.cols;
  const at = gray.at;
  const dark = (x: number, y: number) => at(x, y) < thr[(y >> 3) * cols + (x >> 3)];
  const coarse = gray.rowStep < 2 ? 2 : gray.rowStep;
  // the row density the count filters assume (every other row)
  const rowStep = 2;
  const active: Candidate[] = [];
  const done: Candidate[] = [];
  const runs = new Int32Array(5);
  let list = active;
  let row = 0;
  const onHit = (cx: number, y: number, m: number, centreDark: boolean) => {
    const hit = crossCheckVertical(dark, cx, y, centreDark, m * 7, height);
    if (hit) merge(list, cx, hit.y, (m + hit.module) / 2, !centreDark, row);
  };
  for (let y = 0; y < height; y += coarse) {
    for (let i = active.length - 1; i >= 0; i--) {
      const c = active[i];
      if (c.lastY < y - Math.max(3 * coarse, c.module * 2)) {
        done.push(c);
        active.splice(i, 1);
      }
    }
    row = y;
    scanRow(data, y * width, y, 0, width, width, thr, (y >> 3) * cols, runs, onHit);
  }
  done.push(...active);
  if (coarse > rowStep) {
    // the rows between, around each candidate: centre ± 2 modules, ± 5 modules across
    // (a finder turned 45° crosses a row on a chord √2 longer than its side)
    list = done;
    const segment = new Uint8Array(width);
    for (let k = 0, n = done.length; k < n; k++) {
      const c = done[k];
      const x0 = Math.max(0, Math.floor(c.x - c.module * 5));
      const x1 = Math.min(width, Math.ceil(c.x + c.module * 5) + 1);
      const yFrom = Math.max(0, Math.floor(c.y - c.module * 2));
      const yTo = Math.min(height - 1, Math.ceil(c.y + c.module * 2));
      for (let y = yFrom + ((rowStep - (yFrom % coarse) + coarse) % coarse); y <= yTo; y += coarse) {
        for (let x = x0; x < x1; x++) segment[x] = at(x, y);
        row = y;
        scanRow(segment, 0, y, x0, x1, width, thr, (y >> 3) * cols, runs, onHit);
      }
    }
  }
  const found = done
    .filter((c) => c.count >= Math.max(2, Math.floor((c.module * 0.5) / rowStep)))
    .filter((c) => crossCheckDiagonal(dark, c, width, height))
    .sort((a, b) => b.count / b.module - a.count / a.module)
    .slice(0, maxPatterns);
  return found.map(({ x, y, module, count, inverted }) => ({ x, y, module, count, inverted }));
}

/**
 * One row (or a stretch x0…x1 of it): runs of dark and light pixels, block by block (one
 * threshold per 8 pixels; a flat block — threshold 0, all light — inside a light run is
 * skipped whole), and `onHit` for every five runs in 1:1:3:1:1. `values[base + x]` is the
 * luminance at x. A run cut by the image's right edge counts; one cut by a stretch's end does not.
 */
function scanRow(
  values: Uint8Array, base: number, y: number, x0: number, x1: number, width: number,
  thr: Uint8Array, thrBase: number, runs: Int32Array,
  onHit: (cx: number, y: number, module: number, centreDark: boolean) => void,
) {
  let n = 0; // completed runs so far in this row
  let cur = values[base + x0] < thr[thrBase + (x0 >> 3)];
  let len = 0;
  for (let x = x0; x < x1;) {
    const t = thr[thrBase + (x >> 3)];
    const xe = ((x >> 3) + 1) << 3 < x1 ? ((x >> 3) + 1) << 3 : x1;
    if (t === 0 && !cur) {
      len += xe - x;
      x = xe;
      continue;
    }
    for (; x < xe; x++) {
      const b = values[base + x] < t;
      if (b === cur) {
        len++;
        continue;
      }
      runs[0] = runs[1];
      runs[1] = runs[2];
      runs[2] = runs[3];
      runs[3] = runs[4];
      runs[4] = len;
      n++;
      // runs[2] has colour `cur` flipped twice → same as cur (colour of runs[4])
      if (n >= 5) {
        const m = finderRatio(runs[0], runs[1], runs[2], runs[3], runs[4]);
        if (m > 0) onHit(Math.floor(x - runs[4] - runs[3] - runs[2] / 2), y, m, cur);
      }
      cur = b;
      len = 1;
    }
  }
  if (x1 !== width) return;
  // the row's last run ends at the right edge
  runs[0] = runs[1];
  runs[1] = runs[2];
  runs[2] = runs[3];
  runs[3] = runs[4];
  runs[4] = len;
  n++;
  if (n >= 5) {
    const m = finderRatio(runs[0], runs[1], runs[2], runs[3], runs[4]);
    if (m > 0) onHit(Math.floor(width - runs[4] - runs[3] - runs[2] / 2), y, m, cur);
  }
}

function crossCheckVertical(
  dark: (x: number, y: number) => boolean,
  x: number,
  y: number,
  centreDark: boolean,
  hTotal: number,
  height: number,
): { y: number; module: number } | undefined {
  // Every run is capped at the most the checks below could still accept (a vertical module of
  // at most 2/7 of hTotal, runs within finderRatio's tolerance of it), and the centre run is
  // measured first: ~95 % of row hits are text strokes and noise, and a stroke's long (or
  // short) centre run rejects it before its neighbours are walked.
  const maxCentre = (hTotal * 8) / 7 + 1;
  const maxRun = (hTotal * 3) / 7 + 0.5;
  let up = y;
  let r2 = 0;
  while (up >= 0 && dark(x, up) === centreDark && r2 <= maxCentre) { r2++; up--; }
  let down = y + 1;
  while (down < height && dark(x, down) === centreDark && r2 <= maxCentre) { r2++; down++; }
  if (r2 > maxCentre || r2 < hTotal / 7 - 1) return;
  let r1 = 0;
  while (up >= 0 && dark(x, up) !== centreDark && r1 <= maxRun) { r1++; up--; }
  if (r1 === 0 || r1 > maxRun) return;
  let r3 = 0;
  while (down < height && dark(x, down) !== centreDark && r3 <= maxRun) { r3++; down++; }
  if (r3 === 0 || r3 > maxRun) return;
  let r0 = 0;
  while (up >= 0 && dark(x, up) === centreDark && r0 <= maxRun) { r0++; up--; }
  if (r0 === 0 || r0 > maxRun) return;
  let r4 = 0;
  while (down < height && dark(x, down) === centreDark && r4 <= maxRun) { r4++; down++; }
  if (r4 === 0 || r4 > maxRun) return;
  const m = finderRatio(r0, r1, r2, r3, r4);
  if (!m) return;
  const vTotal = m * 7;
  if (vTotal < hTotal * 0.5 || vTotal > hTotal * 2) return;
  return { y: down - r4 - r3 - r2 / 2, module: m };
}

/** The diagonal through a real finder centre also reads 1:1:3:1:1 (text strokes rarely do). */
function crossCheckDiagonal(
  dark: (x: number, y: number) => boolean,
  c: FinderPattern,
  width: number,
  height: number,
): boolean {
  const cx = Math.round(c.x);
  const cy = Math.round(c.y);
  const want = !c.inverted;
  const max = c.module * 7;
  const counts = [0, 0, 0, 0, 0];
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height;
  let i = 0;
  while (inside(cx - i, cy - i) && dark(cx - i, cy - i) === want) { counts[2]++; i++; }
  for (const [slot, colour] of [[1, !want], [0, want]] as const) {
    while (inside(cx - i, cy - i) && dark(cx - i, cy - i) === colour && counts[slot] <= max) { counts[slot]++; i++; }
  }
  i = 1;
  while (inside(cx + i, cy + i) && dark(cx + i, cy + i) === want) { counts[2]++; i++; }
  for (const [slot, colour] of [[3, !want], [4, want]] as const) {
    while (inside(cx + i, cy + i) && dark(cx + i, cy + i) === colour && counts[slot] <= max) { counts[slot]++; i++; }
  }
  if (counts.some((n) => n === 0 || n > max)) return false;
  const total = counts.reduce((a, b) => a + b, 0);
  // Steps along the diagonal vs 7 row-modules: 1.0 for an upright finder, down to 0.5 for
  // one turned 45° (its row chord is √2 longer, its diagonal chord takes 1/√2 as many steps).
  if (total < c.module * 7 * 0.4 || total > c.module * 7 * 2.2) return false;
  const m = total / 7;
  const tol = m * 0.75 + 0.75;
  return Math.abs(counts[0] - m) <= tol && Math.abs(counts[1] - m) <= tol && Math.abs(counts[3] - m) <= tol &&
    Math.abs(counts[4] - m) <= tol && Math.abs(counts[2] - 3 * m) <= tol * 2;
}

function merge(active: Candidate[], x: number, y: number, module: number, inverted: boolean, row: number) {
  for (const c of active) {
    if (c.inverted !== inverted) continue;
    const reach = Math.max(2, c.module * 1.5);
    if (Math.abs(c.x - x) > reach || Math.abs(c.y - y) > reach) continue;
    const ratio = module / c.module;
    if (ratio < 0.6 || ratio > 1.67) continue;
    const n = c.count;
    c.x = (c.x * n + x) / (n + 1);
    c.y = (c.y * n + y) / (n + 1);
    c.module = (c.module * n + module) / (n + 1);
    c.count = n + 1;
    c.lastY = row;
    return;
  }
  active.push({ x, y, module, count: 1, inverted, lastY: row });
}

