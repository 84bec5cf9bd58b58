import type { BlockThresholds } from './threshold';
import type { FinderTriple } from './group-finder-patterns';
import type { GrayImage } from './types';

/**
 * Share of timing-pattern modules (the alternating row/column between finder patterns)
 * that read as expected, for the weaker of the two edges. Random texture scores ~0.5,
 * a real code close to 1. Checked before any jsQR call, so false triples cost ~nothing.
 */
export function timingScore({ triple, gray, thresholds }: { triple: FinderTriple; gray: GrayImage; thresholds: BlockThresholds }): number {
  const { corner, a, b, module } = triple;
  return Math.min(edgeScore(corner, a, b, module, gray, thresholds), edgeScore(corner, b, a, module, gray, thresholds));
}

type Point = { x: number; y: number; inverted: boolean };

function edgeScore(c: Point, to: Point, side: Point, module: number, gray: GrayImage, thresholds: BlockThresholds): number {
  const len = Math.hypot(to.x - c.x, to.y - c.y);
  const sideLen = Math.hypot(side.x - c.x, side.y - c.y);
  const ux = (to.x - c.x) / len;
  const uy = (to.y - c.y) / len;
  const vx = (side.x - c.x) / sideLen;
  const vy = (side.y - c.y) / sideLen;
  // modules between the finder centres along this edge, snapped to the 4k+10 grid of QR versions
  const mAlong = len / module;
  const version = Math.max(1, Math.round((mAlong - 10) / 4));
  const step = len / (version * 4 + 10);
  const mSide = sideLen / (Math.max(1, Math.round((sideLen / module - 10) / 4)) * 4 + 10);
  const { width, height } = gray;
  let good = 0;
  let total = 0;
  for (let k = 0; 5 + k <= version * 4 + 5; k++) {
    const t = (5 + k) * step; // module 8 + k, centre at 8.5 + k; finder centre at 3.5
    const x = Math.round(c.x + ux * t + vx * 3 * mSide);
    const y = Math.round(c.y + uy * t + vy * 3 * mSide);
    if (x < 0 || y < 0 || x >= width || y >= height) return 0;
    const isDark = gray.at(x, y) < thresholds.data[(y >> 3) * thresholds.cols + (x >> 3)];
    if ((isDark !== c.inverted) === (k % 2 === 0)) good++;
    total++;
  }
  return total ? good / total : 0;
}
