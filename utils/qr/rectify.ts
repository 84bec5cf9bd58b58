import type { FinderTriple } from './group-finder-patterns';
import type { RgbaImage } from './types';

/** Output pixels per module of a rectified code: jsQR reads the upright, stretched code at 3 as well as at 4 (every corpus code; one camera frame needs the crop after it), at 44 % fewer pixels. */
const PIXELS_PER_MODULE = 3;
/** Quiet zone (modules) painted around the rectified code. */
const QUIET = 4;

export interface Rectified {
  image: RgbaImage;
  /** maps a rectified pixel back to source pixels */
  toSource: (x: number, y: number) => { x: number; y: number };
}

/**
 * Resamples the code of `triple` upright and square, at PIXELS_PER_MODULE px per module, from the finder
 * centres alone (an affine map: rotation, scale and shear; what perspective leaves over
 * jsQR's own alignment-pattern step absorbs). Luminance only, stretched to the code's own
 * range and turned dark-on-light, so rotation, coloured ink, dim light and light-on-dark
 * codes all reach jsQR as the upright black-on-white code it reads best.
 * jsQR locates codes by itself, but only upright-ish ones on a clean background: a tilted
 * tag on a busy desk under uneven light is where it loses them.
 */
export function rectifyTriple({ image, triple, scale }: { image: RgbaImage; triple: FinderTriple; scale: number }): Rectified | undefined {
  const { corner } = triple;
  let { a, b } = triple;
  // top-right must be at +90° from bottom-left around the corner (image y points down)
  const cross = (a.x - corner.x) * (b.y - corner.y) - (a.y - corner.y) * (b.x - corner.x);
  if (cross < 0) [a, b] = [b, a];
  const legs = (Math.hypot(a.x - corner.x, a.y - corner.y) + Math.hypot(b.x - corner.x, b.y - corner.y)) / 2;
  // modules between finder centres: dimension − 7; dimensions are 4k + 1 (21, 25, …)
  const between = legs / triple.module;
  const dimension = Math.max(21, Math.round((between + 7 - 1) / 4) * 4 + 1);
  const span = dimension - 7;
  const side = (dimension + QUIET * 2) * PIXELS_PER_MODULE;
  if (side > 1200) return;
  const ox = corner.x * scale, oy = corner.y * scale;
  const ux = ((a.x - corner.x) * scale) / span, uy = ((a.y - corner.y) * scale) / span;
  const vx = ((b.x - corner.x) * scale) / span, vy = ((b.y - corner.y) * scale) / span;
  const toSource = (x: number, y: number) => {
    // rectified pixel → modules from the top-left finder centre
    const mu = x / PIXELS_PER_MODULE - QUIET - 3.5;
    const mv = y / PIXELS_PER_MODULE - QUIET - 3.5;
    return { x: ox + mu * ux + mv * vx, y: oy + mu * uy + mv * vy };
  };
  const { data, width, height } = image;
  const lum = new Uint8Array(side * side);
  const sourceModule = Math.hypot(ux, uy);
  // average a small footprint when source modules are big (> 8 px: JPEG noise); below that the
  // nearest pixel reads every corpus code as well, at a ninth of the reads
  const taps = sourceModule > 8 ? 1 : 0;
  // half an output pixel, in source pixels
  const step = sourceModule / PIXELS_PER_MODULE / 2;
  let lo = 255, hi = 0;
  // the affine map walked incrementally (no object per pixel: this loop runs ~40 000 times)
  const inLo = side * 0.2, inHi = side * 0.8;
  for (let y = 0; y < side; y++) {
    const mv = (y + 0.5) / PIXELS_PER_MODULE - QUIET - 3.5;
    let sx0 = ox + (0.5 / PIXELS_PER_MODULE - QUIET - 3.5) * ux + mv * vx - 0.5;
    let sy0 = oy + (0.5 / PIXELS_PER_MODULE - QUIET - 3.5) * uy + mv * vy - 0.5;
    const dxu = ux / PIXELS_PER_MODULE, dyu = uy / PIXELS_PER_MODULE;
    const inner = y > inLo && y < inHi;
    for (let x = 0; x < side; x++, sx0 += dxu, sy0 += dyu) {
      let v: number;
      if (taps === 0) {
        const sx = Math.round(sx0);
        const sy = Math.round(sy0);
        if (sx < 0 || sy < 0 || sx >= width || sy >= height) v = 255;
        else {
          const p = (sy * width + sx) * 4;
          v = (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
        }
      } else {
        // the four corners of the output pixel's footprint: read every corpus code with the
        // same jsQR calls as a 3×3 grid in its middle third did, with 4 of its 9 reads (reads
        // scattered over the code's source region: cache misses, most of rectify's time)
        let sum = 0, n = 0;
        for (let dy = -1; dy <= 1; dy += 2) {
          for (let dx = -1; dx <= 1; dx += 2) {
            const sx = Math.round(sx0 + dx * step);
            const sy = Math.round(sy0 + dy * step);
            if (sx < 0 || sy < 0 || sx >= width || sy >= height) continue;
            const p = (sy * width + sx) * 4;
            sum += (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
            n++;
          }
        }
        v = n ? sum / n : 255;
      }
      lum[y * side + x] = v;
      // the code's own range, from its inner part (the quiet zone may hold the tag edge)
      if (inner && x > inLo && x < inHi) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (hi - lo < 16) return;
  const k = 255 / (hi - lo);
  const inverted = triple.corner.inverted;
  const out = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < lum.length; i++) {
    let v = (lum[i] - lo) * k;
    if (inverted) v = 255 - v;
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return { image: { data: out, width: side, height: side }, toSource };
}
