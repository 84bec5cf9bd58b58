import type { Bounds, RgbaImage } from './types';
import type { FinderTriple } from './group-finder-patterns';

/** The source-pixel box that holds the code of `triple`, with a quiet-zone margin. */
export function tripleBounds({ triple, scale, width, height }: {
  triple: FinderTriple; scale: number; width: number; height: number;
}): Bounds {
  const { corner, a, b, module } = triple;
  const d = { x: a.x + b.x - corner.x, y: a.y + b.y - corner.y };
  const xs = [corner.x, a.x, b.x, d.x];
  const ys = [corner.y, a.y, b.y, d.y];
  const side = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  // finder centre → code edge is 3.5 modules; keep ~2.5 modules of quiet zone and 5% slack
  const margin = module * 6 + side * 0.05;
  const x0 = Math.max(0, Math.floor((Math.min(...xs) - margin) * scale));
  const y0 = Math.max(0, Math.floor((Math.min(...ys) - margin) * scale));
  const x1 = Math.min(width, Math.ceil((Math.max(...xs) + margin) * scale));
  const y1 = Math.min(height, Math.ceil((Math.max(...ys) + margin) * scale));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** Copies a rectangle of RGBA pixels, optionally enlarging it by an integer factor. */
export function cropRgba({ image, bounds, upscale = 1 }: { image: RgbaImage; bounds: Bounds; upscale?: number }): RgbaImage {
  const { x, y, width, height } = bounds;
  const w = width * upscale;
  const h = height * upscale;
  const out = new Uint8ClampedArray(w * h * 4);
  const src = image.data;
  const stride = image.width * 4;
  if (upscale === 1) {
    for (let row = 0; row < height; row++) {
      const start = (y + row) * stride + x * 4;
      out.set(src.subarray(start, start + width * 4), row * width * 4);
    }
    return { data: out, width: w, height: h };
  }
  const view = new Uint32Array(out.buffer);
  const aligned = src.byteOffset % 4 === 0 ? src : src.slice();
  const srcView = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
  for (let row = 0; row < h; row++) {
    const sRow = (y + Math.floor(row / upscale)) * image.width + x;
    for (let col = 0; col < w; col++) view[row * w + col] = srcView[sRow + Math.floor(col / upscale)];
  }
  return { data: out, width: w, height: h };
}

export function contains(outer: Bounds, px: number, py: number): boolean {
  return px >= outer.x && py >= outer.y && px < outer.x + outer.width && py < outer.y + outer.height;
}

/** Copies a rectangle of RGBA pixels shrunk by an integer factor (box average). */
export function cropRgbaDown({ image, bounds, factor }: { image: RgbaImage; bounds: Bounds; factor: number }): RgbaImage {
  const w = Math.floor(bounds.width / factor);
  const h = Math.floor(bounds.height / factor);
  const out = new Uint8ClampedArray(w * h * 4);
  const src = image.data;
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0;
      for (let dy = 0; dy < factor; dy++) {
        let p = ((bounds.y + y * factor + dy) * image.width + bounds.x + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, p += 4) {
          r += src[p];
          g += src[p + 1];
          b += src[p + 2];
        }
      }
      const o = (y * w + x) * 4;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
      out[o + 3] = 255;
    }
  }
  return { data: out, width: w, height: h };
}
