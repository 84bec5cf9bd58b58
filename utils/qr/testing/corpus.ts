// A reproducible corpus of 1920×1080 page-like frames for tests and bench/qr.bench.ts.
import type { RgbaImage } from '../types';
import { addNoise, blurImage, createImage, paintBusyPage, paintQr, qrSize, seededRandom, type Rng } from './render-frame';

export interface CorpusFrame {
  image: RgbaImage;
  /** texts of the codes painted into the frame */
  texts: string[];
  label: string;
}

const SAMPLE_TEXTS = [
  (id: string) => `https://shop.example/interactions/${id}?iuv=1`,
  (id: string) => `interaction:https://brand.example/x/${id}?iuv=1`,
  (id: string) => `https://example.com/products/${id}`,
  (id: string) => `openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Foffers%2F${id}`,
];

/**
 * Frames with 1–3 codes of module size 2.5–8 px (some light-on-dark, some in coloured ink),
 * every fourth frame softened, plus `empty` frames without any.
 */
export function renderCorpus({ seed = 1, withCodes = 18, empty = 6, width = 1920, height = 1080 }: {
  seed?: number; withCodes?: number; empty?: number; width?: number; height?: number;
} = {}): CorpusFrame[] {
  const rng = seededRandom({ seed });
  const frames: CorpusFrame[] = [];
  for (let i = 0; i < withCodes + empty; i++) {
    const image = createImage({ width, height });
    paintBusyPage({ image, rng });
    const texts: string[] = [];
    const labels: string[] = [];
    if (i < withCodes) {
      const count = 1 + Math.floor(rng() * 3);
      const placed: { x: number; y: number; size: number }[] = [];
      for (let c = 0; c < count; c++) placeCode({ image, rng, i, c, placed, texts, labels });
    }
    // every fourth frame is soft, like a screenshot scaled by a non-integer device pixel ratio
    // (a full 3×3 blur over 2.5 px modules is beyond what we, or jsQR, read reliably)
    const soft = i % 4 === 3;
    if (soft) blurImage({ image, strength: 0.5 });
    addNoise({ image, rng, amount: 6 });
    frames.push({ image, texts, label: (labels.join(', ') || 'no QR') + (soft ? ' (soft)' : '') });
  }
  return frames;
}

function placeCode({ image, rng, i, c, placed, texts, labels }: {
  image: RgbaImage; rng: Rng; i: number; c: number;
  placed: { x: number; y: number; size: number }[]; texts: string[]; labels: string[];
}) {
  const text = SAMPLE_TEXTS[Math.floor(rng() * SAMPLE_TEXTS.length)](`${i}-${c}-${Math.floor(rng() * 1e9).toString(36)}`);
  const module = [2.5, 3, 4, 5, 6, 8][Math.floor(rng() * 6)];
  const size = (qrSize({ text }) + 8) * module;
  for (let tries = 0; tries < 50; tries++) {
    const x = Math.floor(rng() * (image.width - size));
    const y = 70 + Math.floor(rng() * (image.height - 70 - size));
    if (placed.some((p) => x < p.x + p.size + 10 && p.x < x + size + 10 && y < p.y + p.size + 10 && p.y < y + size + 10)) continue;
    const inverted = rng() < 0.2;
    const ink = !inverted && rng() < 0.2;
    paintQr({ image, text, x, y, module, inverted, ...(ink ? { dark: [20, 50, 120] as [number, number, number] } : {}) });
    placed.push({ x, y, size });
    texts.push(text);
    labels.push(`${Math.round(size)}px${inverted ? ' inverted' : ''}${ink ? ' blue' : ''}`);
    return;
  }
}
