import type { FinderPattern } from './types';

/** Three finder patterns that may be the corners of one code; `corner` holds the right angle. */
export interface FinderTriple {
  corner: FinderPattern;
  a: FinderPattern;
  b: FinderPattern;
  module: number;
  /** lower is better */
  score: number;
}

const MAX_TRIPLES = 64;

/**
 * Groups finder patterns into plausible codes: same polarity, similar module size,
 * an (almost) right isosceles triangle whose legs span 10–190 modules.
 * Sorted best first.
 */
export function groupFinderPatterns({ patterns }: { patterns: FinderPattern[] }): FinderTriple[] {
  const triples: FinderTriple[] = [];
  const n = patterns.length;
  for (let i = 0; i < n; i++) {
    const p = patterns[i];
    for (let j = i + 1; j < n; j++) {
      const q = patterns[j];
      if (q.inverted !== p.inverted || !similar(p.module, q.module)) continue;
      const dpq = dist2(p, q);
      const mpq = (p.module + q.module) / 2;
      if (dpq > (mpq * 270) ** 2 || dpq < (mpq * 9) ** 2) continue;
      for (let k = j + 1; k < n; k++) {
        const r = patterns[k];
        if (r.inverted !== p.inverted || !similar(p.module, r.module) || !similar(q.module, r.module)) continue;
        const t = scoreTriple(p, q, r, dpq);
        if (t) triples.push(t);
      }
    }
  }
  triples.sort((x, y) => x.score - y.score);
  return triples.slice(0, MAX_TRIPLES);
}

function scoreTriple(p: FinderPattern, q: FinderPattern, r: FinderPattern, dpq: number): FinderTriple | undefined {
  const dpr = dist2(p, r);
  const dqr = dist2(q, r);
  let corner: FinderPattern, a: FinderPattern, b: FinderPattern, hyp: number, l1: number, l2: number;
  if (dqr >= dpq && dqr >= dpr) [corner, a, b, hyp, l1, l2] = [p, q, r, dqr, dpq, dpr];
  else if (dpr >= dpq && dpr >= dqr) [corner, a, b, hyp, l1, l2] = [q, p, r, dpr, dpq, dqr];
  else [corner, a, b, hyp, l1, l2] = [r, p, q, dpq, dpr, dqr];
  const legRatio = Math.sqrt(l1 / l2);
  // perspective (a tag held at an angle) stretches one leg and bends the corner
  if (legRatio < 0.65 || legRatio > 1.54) return;
  // cosine of the corner angle (0 for a right angle)
  const cos = ((a.x - corner.x) * (b.x - corner.x) + (a.y - corner.y) * (b.y - corner.y)) / Math.sqrt(l1 * l2);
  if (Math.abs(cos) > 0.45) return;
  // Row and column runs cross a rotated finder on a chord 1/max(|cos|,|sin|) longer than
  // its side, so undo that for the module size (matters from ~20° on).
  const len = Math.sqrt(l1);
  const tilt = Math.max(Math.abs(a.x - corner.x), Math.abs(a.y - corner.y)) / len;
  const module = ((p.module + q.module + r.module) / 3) * tilt;
  const leg = (Math.sqrt(l1) + Math.sqrt(l2)) / 2 / module;
  if (leg < 10 || leg > 190) return;
  void hyp;
  const spread = (Math.max(p.module, q.module, r.module) - Math.min(p.module, q.module, r.module)) / module;
  return { corner, a, b, module, score: Math.abs(Math.log(legRatio)) + Math.abs(cos) + spread };
}

function similar(m1: number, m2: number): boolean {
  const r = m1 / m2;
  return r > 0.6 && r < 1.67;
}

function dist2(p: FinderPattern, q: FinderPattern): number {
  return (p.x - q.x) ** 2 + (p.y - q.y) ** 2;
}
