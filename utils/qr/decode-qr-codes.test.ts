import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { decodeQrCodes } from './index';
import { renderCorpus } from './testing/corpus';
import {
  addNoise, blurImage, createImage, paintBusyPage, paintQr, resizeImage, rotateImage, seededRandom,
} from './testing/render-frame';

const URL_A = 'https://shop.example/interactions/a1b2c3?iuv=1';
const URL_B = 'interaction:https://brand.example/x/42?iuv=1';
const URL_C = 'https://example.com/products/plain-link';

function busyFrame(seed: number) {
  const rng = seededRandom({ seed });
  const image = createImage({ width: 1920, height: 1080 });
  paintBusyPage({ image, rng });
  return { image, rng };
}

describe('decodeQrCodes', () => {
  it('decodes one code on a white image and reports where it is', () => {
    const image = createImage({ width: 640, height: 480 });
    const painted = paintQr({ image, text: URL_A, x: 200, y: 100, module: 5 });
    const { codes } = decodeQrCodes({ image });
    expect(codes.map((c) => c.text)).toEqual([URL_A]);
    const { bounds } = codes[0];
    // the code (without its 4-module quiet zone) sits inside the painted box
    expect(bounds.x).toBeGreaterThanOrEqual(painted.x + 15);
    expect(bounds.y).toBeGreaterThanOrEqual(painted.y + 15);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(painted.x + painted.width - 15);
    expect(bounds.width).toBeGreaterThan(painted.width * 0.6);
  });

  it('finds several codes of different sizes on a busy 1920×1080 frame', () => {
    const { image, rng } = busyFrame(11);
    paintQr({ image, text: URL_A, x: 120, y: 200, module: 3 });
    paintQr({ image, text: URL_B, x: 900, y: 300, module: 6 });
    paintQr({ image, text: URL_C, x: 1500, y: 650, module: 4 });
    addNoise({ image, rng, amount: 8 });
    const { codes } = decodeQrCodes({ image });
    expect(codes.map((c) => c.text).sort()).toEqual([URL_A, URL_B, URL_C].sort());
    expect(codes.every((c) => c.via === 'finders')).toBe(true);
  });

  it('finds a small (~100 px) code beside a bigger one (plain jsQR returns at most one)', () => {
    const { image } = busyFrame(12);
    const small = paintQr({ image, text: 'https://s.example/i?iuv=1', x: 1700, y: 900, module: 3 });
    expect(small.width).toBeLessThanOrEqual(100);
    paintQr({ image, text: URL_A, x: 400, y: 300, module: 6 });
    const plain = jsQR(image.data as Uint8ClampedArray, image.width, image.height, { inversionAttempts: 'attemptBoth' });
    const { codes } = decodeQrCodes({ image });
    expect(codes.map((c) => c.text).sort()).toEqual(['https://s.example/i?iuv=1', URL_A].sort());
    // plain jsQR returns at most one code per frame
    expect([null, URL_A, 'https://s.example/i?iuv=1']).toContain(plain?.data ?? null);
  });

  it('decodes light-on-dark (inverted) codes', () => {
    const { image } = busyFrame(13);
    paintQr({ image, text: URL_B, x: 700, y: 400, module: 4, inverted: true });
    const { codes } = decodeQrCodes({ image });
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ text: URL_B, inverted: true });
  });

  it('decodes codes in a frame scaled like a HiDPI screenshot (1.5×)', () => {
    const image = createImage({ width: 1280, height: 720 });
    paintBusyPage({ image, rng: seededRandom({ seed: 14 }) });
    paintQr({ image, text: URL_A, x: 300, y: 200, module: 3 });
    paintQr({ image, text: URL_C, x: 800, y: 300, module: 4, inverted: true });
    const scaled = resizeImage({ image, width: 1920, height: 1080 });
    const { codes } = decodeQrCodes({ image: scaled });
    expect(codes.map((c) => c.text).sort()).toEqual([URL_A, URL_C].sort());
  });

  it('works on a downsampled grid for large photos (6 MP) and maps bounds back to photo pixels', () => {
    const image = createImage({ width: 3000, height: 2000 });
    paintBusyPage({ image, rng: seededRandom({ seed: 18 }) });
    const big = paintQr({ image, text: URL_A, x: 1800, y: 900, module: 14 });
    paintQr({ image, text: URL_C, x: 300, y: 400, module: 6, inverted: true });
    const { codes } = decodeQrCodes({ image });
    expect(codes.map((c) => c.text).sort()).toEqual([URL_A, URL_C].sort());
    const a = codes.find((c) => c.text === URL_A)!;
    expect(a.bounds.x).toBeGreaterThan(big.x);
    expect(a.bounds.x + a.bounds.width).toBeLessThan(big.x + big.width);
    expect(a.bounds.width).toBeGreaterThan(big.width * 0.7);
  });

  it('decodes rotated codes through the finder path (no whole-image fallback)', () => {
    for (const degrees of [15, 30, 45, 60]) {
      const image = createImage({ width: 600, height: 600 });
      paintQr({ image, text: URL_A, x: 150, y: 150, module: 6 });
      const rotated = rotateImage({ image, degrees });
      addNoise({ image: rotated, rng: seededRandom({ seed: 15 }), amount: 10 });
      const { codes } = decodeQrCodes({ image: rotated, fallback: 'never' });
      expect(codes.map((c) => [c.text, c.via]), `${degrees}°`).toEqual([[URL_A, 'finders']]);
      // the outline follows the code's own edges (the camera page draws it): the top edge is
      // turned by the rotation, not axis-aligned like the bounding box, and square
      const [tl, tr, br, bl] = codes[0].corners!;
      const angle = (((Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI) % 90 + 90) % 90;
      expect(Math.min(Math.abs(angle - degrees), Math.abs(angle - (90 - degrees))), `${degrees}° edge at ${angle}°`).toBeLessThan(4);
      const side = Math.hypot(tr.x - tl.x, tr.y - tl.y);
      expect(Math.hypot(bl.x - tl.x, bl.y - tl.y) / side, `${degrees}°`).toBeCloseTo(1, 1);
      expect(Math.hypot(br.x - tl.x, br.y - tl.y) / side, `${degrees}°`).toBeCloseTo(Math.SQRT2, 1);
    }
  });

  it('decodes blurred, coloured, low-contrast and very large codes', () => {
    const cases: [string, (image: Parameters<typeof paintQr>[0]['image']) => void][] = [
      ['blurred', (image) => { paintQr({ image, text: URL_A, x: 500, y: 300, module: 3 }); blurImage({ image }); }],
      ['blue on yellow', (image) => paintQr({ image, text: URL_A, x: 500, y: 300, module: 3, dark: [30, 40, 140], light: [250, 240, 180] })],
      ['grey on grey', (image) => paintQr({ image, text: URL_A, x: 500, y: 300, module: 4, dark: [110, 110, 110], light: [200, 200, 200] })],
      ['900 px', (image) => paintQr({ image, text: URL_A, x: 300, y: 70, module: 25 })],
    ];
    for (const [label, paint] of cases) {
      const { image } = busyFrame(17);
      paint(image);
      expect(decodeQrCodes({ image }).codes.map((c) => c.text), label).toEqual([URL_A]);
    }
  });

  it('dedupes the same text shown twice and honours maxCodes', () => {
    const { image } = busyFrame(16);
    paintQr({ image, text: URL_A, x: 100, y: 200, module: 4 });
    paintQr({ image, text: URL_A, x: 1000, y: 200, module: 4 });
    paintQr({ image, text: URL_C, x: 500, y: 650, module: 4 });
    expect(decodeQrCodes({ image }).codes.map((c) => c.text).sort()).toEqual([URL_A, URL_C].sort());
    expect(decodeQrCodes({ image, maxCodes: 1 }).codes).toHaveLength(1);
  });

  it('returns no codes for busy frames without QR, without a whole-frame jsQR pass', () => {
    for (const seed of [21, 22, 23]) {
      const { image, rng } = busyFrame(seed);
      addNoise({ image, rng, amount: 6 });
      const { codes, timings } = decodeQrCodes({ image });
      expect(codes).toEqual([]);
      // the time itself (goal < 50 ms) is measured by bench/qr.bench.ts, not asserted here
      expect(timings.decodeAttempts).toBeLessThanOrEqual(1);
    }
  });

  it('rejects frames without a code on the no-code path: no codes, no error, jsQR never called', () => {
    // a 720p camera-sized frame (above FALLBACK_MAX_PIXELS), a 1080p page and a flat grey frame
    const camera = createImage({ width: 1280, height: 720 });
    paintBusyPage({ image: camera, rng: seededRandom({ seed: 31 }) });
    addNoise({ image: camera, rng: seededRandom({ seed: 32 }), amount: 8 });
    const page = busyFrame(33).image;
    const grey = createImage({ width: 1280, height: 720, color: [128, 128, 128] });
    for (const [label, image] of [['camera', camera], ['page', page], ['grey', grey]] as const) {
      const { codes, timings } = decodeQrCodes({ image });
      expect(codes, label).toEqual([]);
      expect(timings.candidates, label).toBe(0);
      expect(timings.decodeAttempts, label).toBe(0);
    }
    // the same camera frame with a code still decodes (the fast path is not a blind spot)
    paintQr({ image: camera, text: URL_A, x: 500, y: 200, module: 4 });
    expect(decodeQrCodes({ image: camera }).codes.map((c) => c.text)).toEqual([URL_A]);
  });

  it('finds every painted code of a corpus slice and invents none', () => {
    const frames = renderCorpus({ seed: 3, withCodes: 5, empty: 1 });
    for (const frame of frames) {
      const texts = decodeQrCodes({ image: frame.image }).codes.map((c) => c.text).sort();
      expect(texts, frame.label).toEqual([...frame.texts].sort());
    }
  });

  it('answers bad input with named errors', () => {
    const ok = createImage({ width: 10, height: 10 });
    expect(() => decodeQrCodes({ image: undefined as never })).toThrow(TypeError);
    expect(() => decodeQrCodes({ image: { ...ok, width: 11 } })).toThrow(TypeError);
    expect(() => decodeQrCodes({ image: { ...ok, data: [1, 2] as never } })).toThrow(TypeError);
    expect(() => decodeQrCodes({ image: ok, maxCodes: 0 })).toThrow(TypeError);
    expect(() => decodeQrCodes({ image: { data: new Uint8ClampedArray(4), width: 100_000, height: 100_000 } }))
      .toThrow(expect.objectContaining({ name: 'DataError' }));
  });

  it('returns nothing for tiny and flat images', () => {
    expect(decodeQrCodes({ image: createImage({ width: 1, height: 1 }) }).codes).toEqual([]);
    expect(decodeQrCodes({ image: createImage({ width: 300, height: 200, color: [0, 0, 0] }) }).codes).toEqual([]);
  });
});
