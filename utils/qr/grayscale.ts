import type { GrayImage, RgbaImage } from './types';

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
export function toGray({ image, scale = 1 }: { image: RgbaImage; scale?: number }): GrayImage {
  const { data, width, height } = image;
  const w = Math.floor(width / scale);
  const h = Math.floor(height / scale);
  const out = new Uint8Array(w * h);
  if (scale === 1 && data.byteOffset % 4 === 0) {
    // Full resolution: only even rows up front (the row scan and the block statistics read
    // no others); odd rows are computed per pixel by `at`, which the cross-checks call sparsely.
    const px = new Uint32Array(data.buffer, data.byteOffset, w * h);
    for (let row = 0; row < h; row += 2) {
      for (let i = row * w, end = i + w; i < end; i++) out[i] = lum32(px[i]);
    }
    const at = (x: number, y: number) => ((y & 1) === 0 ? out[y * w + x] : lum32(px[y * w + x]));
    return { data: out, width: w, height: h, scale, rowStep: 2, at };
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

/** Luminance of one little-endian RGBA pixel (0xAABBGGRR), transparent reading as white. */
function lum32(v: number): number {
  const y = ((v & 0xff) * 77 + ((v >>> 8) & 0xff) * 150 + ((v >>> 16) & 0xff) * 29) >> 8;
  const a = v >>> 24;
  return a === 255 ? y : (y * a + 255 * (255 - a)) / 255;
}
