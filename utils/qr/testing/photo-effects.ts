// What a camera does to a printed tag, for the photo corpus: projective warp, uneven light,
// Gaussian blur, and a textured desk behind it. Not imported by the extension.
import type { Bounds, RgbaImage } from '../types';
import type { Rng } from './render-frame';

export interface Point {
  x: number;
  y: number;
}

/** 3×3 homography (row-major, h[8] = 1) mapping the unit-square corners to `quad`. */
function squareToQuad(q: Point[]): number[] {
  const [p0, p1, p2, p3] = q;
  const dx1 = p1.x - p2.x, dx2 = p3.x - p2.x, dy1 = p1.y - p2.y, dy2 = p3.y - p2.y;
  const sx = p0.x - p1.x + p2.x - p3.x;
  const sy = p0.y - p1.y + p2.y - p3.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [
    p1.x - p0.x + g * p1.x, p3.x - p0.x + h * p3.x, p0.x,
    p1.y - p0.y + g * p1.y, p3.y - p0.y + h * p3.y, p0.y,
    g, h, 1,
  ];
}

function invert(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ];
}

/**
 * Draws `source` into `target` so that its corners (top-left, top-right, bottom-right,
 * bottom-left) land on `corners`, with bilinear sampling. Returns the touched box.
 */
export function warpInto({ target, source, corners }: { target: RgbaImage; source: RgbaImage; corners: Point[] }): Bounds {
  const inv = invert(squareToQuad(corners));
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const x1 = Math.min(target.width, Math.ceil(Math.max(...xs)));
  const y1 = Math.min(target.height, Math.ceil(Math.max(...ys)));
  const sw = source.width;
  const sh = source.height;
  const s = source.data;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const w = inv[6] * px + inv[7] * py + inv[8];
      const u = ((inv[0] * px + inv[1] * py + inv[2]) / w) * sw - 0.5;
      const v = ((inv[3] * px + inv[4] * py + inv[5]) / w) * sh - 0.5;
      if (u < -0.5 || v < -0.5 || u > sw - 0.5 || v > sh - 0.5) continue;
      const ux = Math.min(sw - 1, Math.max(0, u));
      const vy = Math.min(sh - 1, Math.max(0, v));
      const ix = Math.min(sw - 2, Math.floor(ux));
      const iy = Math.min(sh - 2, Math.floor(vy));
      const fx = ux - ix;
      const fy = vy - iy;
      const p00 = (iy * sw + ix) * 4;
      const p10 = p00 + 4;
      const p01 = p00 + sw * 4;
      const p11 = p01 + 4;
      const o = (y * target.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = s[p00 + c] * (1 - fx) + s[p10 + c] * fx;
        const bottom = s[p01 + c] * (1 - fx) + s[p11 + c] * fx;
        target.data[o + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A desk: a smooth tinted gradient, soft blobs, grainy patches and a few hard-edged objects. */
export function paintPhotoBackground({ image, rng }: { image: RgbaImage; rng: Rng }) {
  const { width, height, data } = image;
  const base = [60 + rng() * 150, 50 + rng() * 150, 40 + rng() * 150];
  const grain = 6 + rng() * 20;
  const period = 20 + rng() * 60;
  const wave = Float32Array.from({ length: width }, (_, x) => x * 0.3 / period + Math.sin(x / 97) * 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      // wood-ish stripes
      const stripe = Math.sin(y / period + wave[x]) * grain;
      const ramp = ((x / width) - 0.5) * 40;
      data[p] = base[0] + stripe + ramp;
      data[p + 1] = base[1] + stripe * 0.8 + ramp;
      data[p + 2] = base[2] + stripe * 0.6;
    }
  }
  // objects: pens, paper, a phone — hard edges and stripes that a finder scan must reject
  for (let i = 0; i < 8; i++) {
    const w = 40 + rng() * 400;
    const h = 20 + rng() * 300;
    const x0 = rng() * (width - w);
    const y0 = rng() * (height - h);
    const c = [rng() * 255, rng() * 255, rng() * 255];
    const striped = rng() < 0.4;
    const stripeW = 3 + rng() * 12;
    for (let y = Math.floor(y0); y < y0 + h; y++) {
      for (let x = Math.floor(x0); x < x0 + w; x++) {
        if (striped && Math.floor((x - x0) / stripeW) % 2) continue;
        const p = (y * width + x) * 4;
        data[p] = c[0];
        data[p + 1] = c[1];
        data[p + 2] = c[2];
      }
    }
  }
}

/** Uneven light: a linear falloff of up to `shade` in a random direction, plus a soft hot spot. */
export function lightImage({ image, rng, shade }: { image: RgbaImage; rng: Rng; shade: number }) {
  const { width, height, data } = image;
  const angle = rng() * Math.PI * 2;
  const dx = Math.cos(angle) / width;
  const dy = Math.sin(angle) / height;
  const hx = rng() * width;
  const hy = rng() * height;
  const hr = (0.2 + rng() * 0.4) * width;
  const hot = rng() * 40;
  // the hot spot's Gaussian is separable: one exp per column and per row
  const gx = Float32Array.from({ length: width }, (_, x) => Math.exp(-((x - hx) ** 2) / (hr * hr)));
  const gy = Float32Array.from({ length: height }, (_, y) => hot * Math.exp(-((y - hy) ** 2) / (hr * hr)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = 0.5 + (x - width / 2) * dx + (y - height / 2) * dy; // 0…1 across the frame
      const k = 1 - shade * Math.min(1, Math.max(0, t));
      const spot = gy[y] * gx[x];
      const p = (y * width + x) * 4;
      data[p] = data[p] * k + spot;
      data[p + 1] = data[p + 1] * k + spot;
      data[p + 2] = data[p + 2] * k + spot;
    }
  }
}

/** Separable Gaussian blur of `sigma` px inside `bounds` (grown by the kernel radius). */
export function blurRegion({ image, sigma, bounds }: { image: RgbaImage; sigma: number; bounds: Bounds }) {
  const r = Math.ceil(sigma * 3);
  const kernel = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = kernel.reduce((a, b) => a + b, 0);
  const k = kernel.map((v) => v / sum);
  const { width, height, data } = image;
  const x0 = Math.max(0, bounds.x - r);
  const y0 = Math.max(0, bounds.y - r);
  const x1 = Math.min(width, bounds.x + bounds.width + r);
  const y1 = Math.min(height, bounds.y + bounds.height + r);
  const w = x1 - x0;
  const h = y1 - y0;
  const tmp = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        for (let i = -r; i <= r; i++) {
          const sx = Math.min(width - 1, Math.max(0, x0 + x + i));
          acc += data[((y0 + y) * width + sx) * 4 + c] * k[i + r];
        }
        tmp[(y * w + x) * 3 + c] = acc;
      }
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        for (let i = -r; i <= r; i++) {
          const sy = Math.min(h - 1, Math.max(0, y + i));
          acc += tmp[(sy * w + x) * 3 + c] * k[i + r];
        }
        data[((y0 + y) * width + x0 + x) * 4 + c] = acc;
      }
    }
  }
}
