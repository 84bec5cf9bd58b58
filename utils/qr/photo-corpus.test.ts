// Photographed tags (utils/qr/testing/photo-corpus): rotation at any angle, perspective,
// blur, uneven light, light-on-dark and coloured codes, JPEG re-encoding. Detections only:
// the times are bench/qr.bench.ts's business.
import { describe, expect, it } from 'vitest';
import { decodeQrCodes } from './index';
import { renderPhotoCorpus, renderPhotoFrame, type PhotoOptions } from './testing/photo-corpus';
import { seededRandom } from './testing/render-frame';

const URL = 'https://shop.example/interactions/tag-7f3a?iuv=1';

describe('decodeQrCodes on photos', () => {
  it('reads the hard corners of the corpus: 45° with full keystone, the smallest code, blur 1.6 at JPEG q35, light-on-dark, coloured', () => {
    const cases: [string, PhotoOptions][] = [
      ['45°, keystone 12.5 %/−12.5 %', { codePx: 320, degrees: 45, keystone: [0.125, -0.125], blur: 0.6, quality: 60, shade: 0.3, style: 'dark-on-light' }],
      ['150 px, 200°, q40', { codePx: 150, degrees: 200, keystone: [-0.1, 0.08], blur: 0.4, quality: 40, shade: 0.2, style: 'dark-on-light' }],
      ['blur 1.6, q35, dim corner', { codePx: 420, degrees: 300, keystone: [0.05, 0.1], blur: 1.6, quality: 35, shade: 0.6, style: 'dark-on-light' }],
      ['light-on-dark, 130°', { codePx: 380, degrees: 130, keystone: [0.1, 0.1], blur: 1, quality: 55, shade: 0.4, style: 'light-on-dark' }],
      ['coloured ink, 75°', { codePx: 260, degrees: 75, keystone: [-0.12, -0.06], blur: 0.8, quality: 50, shade: 0.5, style: 'coloured' }],
    ];
    for (const [label, options] of cases) {
      const frame = renderPhotoFrame({ rng: seededRandom({ seed: 40 }), text: URL, options });
      const { codes } = decodeQrCodes({ image: frame.image });
      expect(codes.map((c) => c.text), label).toEqual([URL]);
      // the outline lies around the code, not somewhere else in the frame
      const { bounds } = codes[0];
      expect(bounds.width, label).toBeGreaterThan(options.codePx * 0.6);
      expect(bounds.width, label).toBeLessThan(options.codePx * 1.8);
    }
  }, 180_000);

  it('finds the code of every photo of a corpus slice, invents none, and rejects tags without a code', () => {
    const frames = renderPhotoCorpus({ seed: 5, withCodes: 6, empty: 2 });
    for (const frame of frames) {
      const { codes, timings } = decodeQrCodes({ image: frame.image });
      expect(codes.map((c) => c.text), frame.label).toEqual(frame.texts);
      // a tag without a code: no whole-frame jsQR pass (that is what keeps rejection fast)
      if (frame.texts.length === 0) expect(timings.decodeAttempts, frame.label).toBe(0);
    }
  }, 240_000);

  it('reads every code of a photo of two or three tags, and invents none', () => {
    const frames = renderPhotoCorpus({ seed: 7, withCodes: 0, empty: 0, multi: 3 });
    for (const frame of frames) {
      expect(frame.texts.length, frame.label).toBeGreaterThanOrEqual(2);
      const texts = decodeQrCodes({ image: frame.image }).codes.map((c) => c.text);
      expect(texts.sort(), frame.label).toEqual([...frame.texts].sort());
    }
  }, 120_000);

  it('reads camera-sized frames (1280×720) through the same pipeline', () => {
    const frames = renderPhotoCorpus({ seed: 9, withCodes: 3, empty: 0, width: 1280, height: 720, codeRange: [120, 380] });
    for (const frame of frames) expect(decodeQrCodes({ image: frame.image }).codes.map((c) => c.text), frame.label).toEqual(frame.texts);
  }, 120_000);
});
