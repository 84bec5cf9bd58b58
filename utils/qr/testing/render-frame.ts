// Test and bench helpers: paint QR codes and page-like backgrounds into RGBA buffers.
// Not imported by the extension.
import QRCode from 'qrcode';
import type { Bounds, RgbaImage } from '../types';

export type Rng = () => number;

/** Small deterministic PRNG (mulberry32) so corpora are reproducible. */
export function seededRandom({ seed }: { seed: number }): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rgb = [number, number, number];

export function createImage({ width, height, color = [255, 255, 255] }: { width: number; height: number; color?: Rgb }): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = color[0];
    data[i + 1] = color[1];
    data[i + 2] = color[2];
    data[i + 3] = 255;
  }
  return { data, width, height };
}

export function fillRect({ image, x, y, width, height, color }: { image: RgbaImage; x: number; y: number; width: number; height: number; color: Rgb }) {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(image.width, Math.round(x + width));
  const y1 = Math.min(image.height, Math.round(y + height));
  for (let row = y0; row < y1; row++) {
    for (let col = x0, p = (row * image.width + x0) * 4; col < x1; col++, p += 4) {
      image.data[p] = color[0];
      image.data[p + 1] = color[1];
      image.data[p + 2] = color[2];
      image.data[p + 3] = 255;
    }
  }
}

/**
 * Paints the QR code of `text` with its top-left module at (x, y) (quiet zone
 * included in the painted area). Returns the painted box including the quiet zone.
 */
export function paintQr({
  image, text, x, y, module, inverted = false, quietZone = 4, errorCorrectionLevel = 'M',
  dark = inverted ? [235, 235, 235] : [20, 20, 20], light = inverted ? [25, 25, 40] : [255, 255, 255],
}: {
  image: RgbaImage; text: string; x: number; y: number; module: number; inverted?: boolean;
  quietZone?: number; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; dark?: Rgb; light?: Rgb;
}): Bounds {
  const qr = QRCode.create(text, { errorCorrectionLevel });
  const size = qr.modules.size;
  const total = (size + quietZone * 2) * module;
  fillRect({ image, x, y, width: total, height: total, color: light });
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      // fractional module sizes paint at rounded edges, like a scaled screenshot
      const px = x + (c + quietZone) * module;
      const py = y + (r + quietZone) * module;
      fillRect({ image, x: px, y: py, width: Math.round(px + module) - Math.round(px), height: Math.round(py + module) - Math.round(py), color: dark });
    }
  }
  return { x: Math.round(x), y: Math.round(y), width: Math.round(total), height: Math.round(total) };
}

/** Modules per side of the code for `text` (without quiet zone). */
export function qrSize({ text, errorCorrectionLevel = 'M' }: { text: string; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): number {
  return QRCode.create(text, { errorCorrectionLevel }).modules.size;
}

/** A page-like busy background: header, text lines, coloured boxes, noisy photos, dark panel. */
export function paintBusyPage({ image, rng }: { image: RgbaImage; rng: Rng }) {
  const { width, height } = image;
  const pick = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo));
  fillRect({ image, x: 0, y: 0, width, height: 64, color: [pick(0, 80), pick(0, 80), pick(60, 160)] });
  for (let i = 0; i < 12; i++) {
    const gx = pick(20, 200) + i * 140;
    fillRect({ image, x: gx, y: 20, width: pick(40, 110), height: 22, color: [230, 230, 230] });
  }
  // boxes and "photos"
  for (let i = 0; i < 10; i++) {
    const w = pick(120, 420);
    const h = pick(80, 300);
    const x = pick(0, width - w);
    const y = pick(70, height - h);
    if (rng() < 0.5) {
      fillRect({ image, x, y, width: w, height: h, color: [pick(0, 255), pick(0, 255), pick(0, 255)] });
    } else {
      paintNoise({ image, rng, x, y, width: w, height: h });
    }
  }
  // text lines: glyph-like dark strokes of varying width
  for (let line = 0; line < 60; line++) {
    const y = pick(70, height - 16);
    let x = pick(0, width / 2);
    const end = Math.min(width, x + pick(200, 900));
    const size = pick(9, 18);
    const color: Rgb = rng() < 0.8 ? [pick(0, 60), pick(0, 60), pick(0, 60)] : [pick(0, 255), pick(0, 255), pick(0, 255)];
    while (x < end) {
      const word = pick(2, 9);
      for (let g = 0; g < word && x < end; g++) {
        const gw = pick(1, Math.max(2, size * 0.6));
        fillRect({ image, x, y: y + pick(0, size / 3), width: gw, height: size - pick(0, size / 3), color });
        x += gw + pick(1, 4);
      }
      x += pick(4, 12);
    }
  }
}

export function paintNoise({ image, rng, x, y, width, height }: { image: RgbaImage; rng: Rng } & Bounds) {
  const base = [rng() * 255, rng() * 255, rng() * 255];
  for (let row = Math.max(0, y); row < Math.min(image.height, y + height); row++) {
    for (let col = Math.max(0, x); col < Math.min(image.width, x + width); col++) {
      const p = (row * image.width + col) * 4;
      const n = (rng() - 0.5) * 160;
      const g = ((col - x) / width) * 80;
      image.data[p] = base[0] + n + g;
      image.data[p + 1] = base[1] + n - g;
      image.data[p + 2] = base[2] + n;
    }
  }
}

/** Adds uniform noise of ±amount to every channel (sensor / JPEG-ish grit). */
export function addNoise({ image, rng, amount }: { image: RgbaImage; rng: Rng; amount: number }) {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (rng() - 0.5) * 2 * amount;
    d[i] += n;
    d[i + 1] += n;
    d[i + 2] += n;
  }
}

/** Nearest-neighbour resize, e.g. to mimic a screenshot at another device pixel ratio. */
export function resizeImage({ image, width, height }: { image: RgbaImage; width: number; height: number }): RgbaImage {
  const out = new Uint8ClampedArray(width * height * 4);
  const src = new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
  const dst = new Uint32Array(out.buffer);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.floor((y * image.height) / height));
    for (let x = 0; x < width; x++) dst[y * width + x] = src[sy * image.width + Math.min(image.width - 1, Math.floor((x * image.width) / width))];
  }
  return { data: out, width, height };
}

/** Rotates by `degrees` about the centre (nearest neighbour), filling uncovered pixels white. */
export function rotateImage({ image, degrees }: { image: RgbaImage; degrees: number }): RgbaImage {
  const { width, height } = image;
  const out = createImage({ width, height });
  const src = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
  const dst = new Uint32Array(out.data.buffer);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      if (sx >= 0 && sy >= 0 && sx < width && sy < height) dst[y * width + x] = src[sy * width + sx];
    }
  }
  return out;
}

/**
 * 3×3 box blur (a soft screenshot or a slightly out-of-focus photo), blended with the
 * original by `strength` (1 = full blur).
 */
export function blurImage({ image, strength = 1 }: { image: RgbaImage; strength?: number }) {
  const { data, width, height } = image;
  const src = data.slice();
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += src[((y + dy) * width + x + dx) * 4 + c];
        const i = (y * width + x) * 4 + c;
        data[i] = (sum / 9) * strength + src[i] * (1 - strength);
      }
    }
  }
}
