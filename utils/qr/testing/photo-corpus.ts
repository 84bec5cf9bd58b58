// A reproducible corpus of photo-like frames for tests and bench/qr.bench.ts: a printed tag
// with a QR code, photographed — any rotation, perspective, blur, uneven light, a textured
// background — then re-encoded as JPEG (the way a phone photo or a webcam frame arrives).
// Not imported by the extension.
import jpeg from 'jpeg-js';
import type { Bounds, RgbaImage } from '../types';
import { createImage, paintQr, qrSize, seededRandom, type Rgb, type Rng } from './render-frame';
import { blurRegion, lightImage, paintPhotoBackground, warpInto, type Point } from './photo-effects';

export interface PhotoFrame {
  /** the frame as decoded from its JPEG bytes */
  image: RgbaImage;
  jpeg: Uint8Array;
  /** texts of the codes in the frame (0 or 1; several in a multi-tag frame) */
  texts: string[];
  label: string;
}

export interface PhotoOptions {
  /** side of the code (without quiet zone) in frame pixels */
  codePx: number;
  /** rotation in degrees (any) */
  degrees: number;
  /** keystone of the tag: −0.125…0.125 along each axis (opposite sides differ by up to ~29 %) */
  keystone: [number, number];
  /** Gaussian blur sigma in pixels */
  blur: number;
  /** JPEG quality 1–100 */
  quality: number;
  /** light falloff across the frame: 0 (even) … 0.6 */
  shade: number;
  style: 'dark-on-light' | 'light-on-dark' | 'coloured';
}

const TEXTS = [
  (id: string) => `https://shop.example/interactions/${id}?iuv=1`,
  (id: string) => `interaction:https://brand.example/x/${id}?iuv=1`,
  (id: string) => `https://brand.example/tags/${id}`,
];

const STYLES: Record<PhotoOptions['style'], { ink: Rgb[]; paper: Rgb[] }> = {
  'dark-on-light': { ink: [[20, 20, 20], [40, 35, 30]], paper: [[250, 250, 245], [235, 228, 210]] },
  'light-on-dark': { ink: [[240, 240, 235], [225, 220, 200]], paper: [[25, 30, 60], [50, 20, 25]] },
  coloured: { ink: [[20, 50, 130], [120, 20, 30], [10, 80, 40]], paper: [[250, 240, 190], [235, 245, 250], [255, 255, 255]] },
};

/** Renders one photographed tag (or, without `text`, a photo with a tag but no code). */
export function renderPhotoFrame({ rng, text, width = 1600, height = 1200, options, centre }: {
  rng: Rng; text?: string; width?: number; height?: number; options: PhotoOptions;
  /** where the tag's centre lands, as fractions of the frame (default: anywhere it fits) */
  centre?: { x: number; y: number };
}): PhotoFrame {
  const frame = createImage({ width, height });
  paintPhotoBackground({ image: frame, rng });
  const { box } = paintTag({ frame, rng, text, options, centre });
  const label = `${tagLabel(options)}${text ? '' : ' (no code)'}`;
  return finishPhoto({ frame, rng, blurs: [{ box, sigma: options.blur }], quality: options.quality, shade: options.shade, texts: text ? [text] : [], label });
}

/**
 * Several tags on the same desk in one photo, each with its own code, size, rotation,
 * keystone, blur and ink; light and JPEG quality are the photo's (those of `tags[0]`).
 * Tags are placed apart; one that finds no free place after 60 tries is left out.
 */
export function renderMultiTagFrame({ rng, texts, width = 1600, height = 1200, tags }: {
  rng: Rng; texts: string[]; width?: number; height?: number; tags: PhotoOptions[];
}): PhotoFrame {
  const frame = createImage({ width, height });
  paintPhotoBackground({ image: frame, rng });
  const placed: { x: number; y: number; reach: number }[] = [];
  const blurs: { box: Bounds; sigma: number }[] = [];
  const kept: string[] = [];
  const labels: string[] = [];
  texts.forEach((text, i) => {
    const options = tags[i];
    const reach = tagReach(text, options);
    for (let tries = 0; tries < 60; tries++) {
      const x = reach + rng() * Math.max(0, width - 2 * reach);
      const y = reach + rng() * Math.max(0, height - 2 * reach);
      // reach is 1.15 × the tag's half-diagonal: centres 0.9 × the reaches apart never overlap
      if (placed.some((p) => Math.hypot(p.x - x, p.y - y) < (p.reach + reach) * 0.9)) continue;
      placed.push({ x, y, reach });
      const { box } = paintTag({ frame, rng, text, options, centre: { x: x / width, y: y / height } });
      blurs.push({ box, sigma: options.blur });
      kept.push(text);
      labels.push(tagLabel(options));
      return;
    }
  });
  return finishPhoto({
    frame, rng, blurs, quality: tags[0].quality, shade: tags[0].shade, texts: kept,
    label: `${kept.length} tags: ${labels.map((l) => l.replace(/ q\d+/, '')).join(', ')} q${tags[0].quality}`,
  });
}

const MODULE_PX = 6;
/** card around the code: its quiet zone (4 modules) and 3 more */
const TAG_MARGIN = 4 + 3;

/** Radius of the circle the tag of `options` covers once turned and keystoned (frame pixels). */
function tagReach(text: string, options: PhotoOptions): number {
  const modules = qrSize({ text });
  const tagW = (modules + TAG_MARGIN * 2) * MODULE_PX;
  const scale = options.codePx / (modules * MODULE_PX);
  return Math.hypot(tagW * scale, (tagW + 6 * MODULE_PX) * scale) / 2 * 1.15;
}

function tagLabel(options: PhotoOptions): string {
  return `${Math.round(options.codePx)}px ${Math.round(options.degrees)}° k${options.keystone.map((k) => Math.round(k * 200)).join('/')}% ` +
    `blur ${options.blur.toFixed(1)} q${options.quality} ${options.style}`;
}

/** Paints one printed tag (with the code of `text`, or a logo without one) into the frame. */
function paintTag({ frame, rng, text, options, centre }: {
  frame: RgbaImage; rng: Rng; text?: string; options: PhotoOptions; centre?: { x: number; y: number };
}): { box: Bounds } {
  const { width, height } = frame;
  const { ink, paper } = STYLES[options.style];
  const inkColour = ink[Math.floor(rng() * ink.length)];
  const paperColour = paper[Math.floor(rng() * paper.length)];
  // the flat tag: code with its quiet zone, a border of card and a printed line below
  const modules = qrSize({ text: text ?? 'x' });
  const modulePx = MODULE_PX;
  const margin = TAG_MARGIN;
  const tagW = (modules + margin * 2) * modulePx;
  const tagH = tagW + 6 * modulePx;
  const tag = createImage({ width: tagW, height: tagH, color: paperColour });
  if (text) {
    paintQr({ image: tag, text, x: 3 * modulePx, y: 3 * modulePx, module: modulePx, dark: inkColour, light: paperColour });
  } else {
    // a tag without a code: a logo-ish block pattern of the same ink
    for (let i = 0; i < 30; i++) {
      const s = (2 + rng() * 8) * modulePx;
      const x = 3 * modulePx + rng() * (tagW - 6 * modulePx - s);
      const y = 3 * modulePx + rng() * (tagW - 6 * modulePx - s);
      paintBlock(tag, x, y, s, s * (0.3 + rng()), inkColour);
    }
  }
  for (let x = 3 * modulePx; x < tagW - 3 * modulePx;) {
    const w = modulePx * (0.5 + rng() * 3);
    paintBlock(tag, x, tagW + modulePx, w, modulePx * 2.5, inkColour);
    x += w + modulePx * (0.5 + rng());
  }
  // where the tag lands: the code (not the quiet zone) spans codePx
  const scale = options.codePx / (modules * modulePx);
  const halfW = (tagW * scale) / 2;
  const halfH = (tagH * scale) / 2;
  const reach = Math.hypot(halfW, halfH) * 1.15;
  const rx = rng();
  const ry = rng();
  const cx = centre ? centre.x * width : reach + rx * Math.max(0, width - 2 * reach);
  const cy = centre ? centre.y * height : reach + ry * Math.max(0, height - 2 * reach);
  const rad = (options.degrees * Math.PI) / 180;
  const [kx, ky] = options.keystone;
  const corners: Point[] = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([u, v]) => {
    const x = u * halfW * (1 + kx * v);
    const y = v * halfH * (1 + ky * u);
    return { x: cx + x * Math.cos(rad) - y * Math.sin(rad), y: cy + x * Math.sin(rad) + y * Math.cos(rad) };
  });
  return { box: warpInto({ target: frame, source: tag, corners }) };
}

/** Light falloff, lens blur over each tag, sensor grain, then the JPEG round trip. */
function finishPhoto({ frame, rng, blurs, quality, shade, texts, label }: {
  frame: RgbaImage; rng: Rng; blurs: { box: Bounds; sigma: number }[]; quality: number; shade: number; texts: string[]; label: string;
}): PhotoFrame {
  const { width, height } = frame;
  lightImage({ image: frame, rng, shade });
  for (const { box, sigma } of blurs) if (sigma > 0) blurRegion({ image: frame, sigma, bounds: box });
  // sensor grain before the JPEG step
  const d = frame.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (rng() - 0.5) * 10;
    d[i] += n;
    d[i + 1] += n;
    d[i + 2] += n;
  }
  const bytes = jpeg.encode({ data: d, width, height }, quality).data;
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return {
    image: { data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length), width, height },
    jpeg: new Uint8Array(bytes),
    texts,
    label,
  };
}

/** Random photo options within the corpus ranges. */
export function randomPhotoOptions({ rng, codeRange = [150, 600] }: { rng: Rng; codeRange?: [number, number] }): PhotoOptions {
  const styleRoll = rng();
  return {
    codePx: codeRange[0] + rng() * (codeRange[1] - codeRange[0]),
    degrees: rng() * 360,
    keystone: [(rng() - 0.5) * 0.25, (rng() - 0.5) * 0.25],
    blur: rng() * 1.6,
    quality: 35 + Math.floor(rng() * 56),
    shade: rng() * 0.6,
    style: styleRoll < 0.65 ? 'dark-on-light' : styleRoll < 0.82 ? 'light-on-dark' : 'coloured',
  };
}

/**
 * `withCodes` photographed tags with a code, then `empty` photographed tags without one, then
 * `multi` photos of 2–3 tags with a code each (smaller codes, 140–280 px, so they fit side by side).
 */
export function renderPhotoCorpus({ seed = 1, withCodes = 28, empty = 4, multi = 0, width = 1600, height = 1200, codeRange, multiCodeRange = [140, 280] }: {
  seed?: number; withCodes?: number; empty?: number; multi?: number; width?: number; height?: number;
  /** code sides in the multi-tag photos (default 140–280 px) */
  multiCodeRange?: [number, number];
  /** smallest and largest code side in pixels (default 150–600) */
  codeRange?: [number, number];
} = {}): PhotoFrame[] {
  const rng = seededRandom({ seed });
  const frames: PhotoFrame[] = [];
  for (let i = 0; i < withCodes + empty; i++) {
    const options = randomPhotoOptions({ rng, codeRange });
    const text = i < withCodes
      ? TEXTS[Math.floor(rng() * TEXTS.length)](`${i}-${Math.floor(rng() * 1e9).toString(36)}`)
      : undefined;
    frames.push(renderPhotoFrame({ rng, text, width, height, options }));
  }
  for (let i = 0; i < multi; i++) {
    const count = 2 + Math.floor(rng() * 2);
    const tags = Array.from({ length: count }, () => randomPhotoOptions({ rng, codeRange: multiCodeRange }));
    const texts = tags.map((_, c) => TEXTS[Math.floor(rng() * TEXTS.length)](`m${i}-${c}-${Math.floor(rng() * 1e9).toString(36)}`));
    frames.push(renderMultiTagFrame({ rng, texts, width, height, tags }));
  }
  return frames;
}

/**
 * A recorded webcam clip (1280×720 by default): the same desk in every frame, the tag held up
 * and moved across it, turning, tilting and coming closer, with motion blur that changes
 * frame to frame; the first and last `empty` frames show a card without a code.
 */
export function renderCameraSequence({ seed = 1, frames = 30, empty = 4, width = 1280, height = 720 }: {
  seed?: number; frames?: number; empty?: number; width?: number; height?: number;
} = {}): PhotoFrame[] {
  const text = TEXTS[0](`cam-${seed}`);
  const out: PhotoFrame[] = [];
  for (let i = 0; i < frames; i++) {
    const withCode = i >= empty && i < frames - empty;
    const t = frames > 1 ? i / (frames - 1) : 0;
    const options: PhotoOptions = {
      codePx: 160 + 160 * t,
      degrees: -20 + 60 * t,
      keystone: [0.12 * Math.sin(t * 2 * Math.PI), 0.1 * Math.cos(t * 3 * Math.PI)],
      blur: 0.3 + 0.9 * Math.abs(Math.sin(t * 5 * Math.PI)),
      quality: 60,
      shade: 0.3,
      style: 'dark-on-light',
    };
    // the same seed each frame: the same desk, light and card colours; only the tag moves
    out.push(renderPhotoFrame({
      rng: seededRandom({ seed }), text: withCode ? text : undefined, width, height, options,
      centre: { x: 0.3 + 0.4 * t, y: 0.5 + 0.1 * Math.sin(t * 2 * Math.PI) },
    }));
  }
  return out;
}

function paintBlock(image: RgbaImage, x: number, y: number, w: number, h: number, color: Rgb) {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(image.width, Math.round(x + w));
  const y1 = Math.min(image.height, Math.round(y + h));
  for (let row = y0; row < y1; row++) {
    for (let col = x0; col < x1; col++) {
      const p = (row * image.width + col) * 4;
      image.data[p] = color[0];
      image.data[p + 1] = color[1];
      image.data[p + 2] = color[2];
    }
  }
}
