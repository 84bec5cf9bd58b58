import type { RgbaImage } from './types';
import { namedError } from '../errors';

/** Largest accepted image: a 8K frame. Larger input is refused, not decoded slowly. */
export const MAX_IMAGE_PIXELS = 7680 * 4320;

/** Checks an RGBA image argument; throws TypeError for a wrong shape, DataError when too large. */
export function validateImage(image: unknown): RgbaImage {
  if (!image || typeof image !== 'object') throw new TypeError('"image" must be an object {data, width, height}.');
  const { data, width, height } = image as RgbaImage;
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new TypeError('"image.width" and "image.height" must be positive integers.');
  }
  if (!(data instanceof Uint8ClampedArray || data instanceof Uint8Array)) {
    throw new TypeError('"image.data" must be a Uint8ClampedArray or Uint8Array.');
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw namedError({ name: 'DataError', message: `Image of ${width}×${height} pixels is larger than ${MAX_IMAGE_PIXELS} pixels.` });
  }
  if (data.length !== width * height * 4) {
    throw new TypeError(`"image.data" must hold width × height × 4 bytes (${width * height * 4}), not ${data.length}.`);
  }
  return { data, width, height };
}
