// An encoded image (PNG, JPEG, a screenshot, a pasted photo) → every QR code in it, through
// utils/qr. Uses createImageBitmap + OffscreenCanvas, which exist in the service worker and in
// extension pages alike, so the background and the popup share this one path.
import { decodeQrCodes } from './decode-qr-codes';
import type { DecodedQrCode } from './types';
import { namedError } from '../errors';

/** Larger images are scaled down to about this many pixels before decoding (a 4K frame). */
export const MAX_DECODE_PIXELS = 3840 * 2160;

export interface ImageDecodeResult {
  codes: DecodedQrCode[];
  width: number;
  height: number;
  ms: number;
}

export async function decodeImageBlob({ blob, maxPixels = MAX_DECODE_PIXELS }: { blob: Blob; maxPixels?: number }): Promise<ImageDecodeResult> {
  if (!(blob instanceof Blob)) throw new TypeError('"blob" must be a Blob.');
  const started = performance.now();
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (cause) {
    throw namedError({ name: 'DataError', message: 'This is not an image the browser can read (PNG, JPEG, GIF, WebP).', cause });
  }
  let { width, height } = bitmap;
  if (width * height > maxPixels) {
    const scale = Math.sqrt(maxPixels / (width * height));
    width = Math.max(1, Math.floor(width * scale));
    height = Math.max(1, Math.floor(height * scale));
    bitmap.close();
    bitmap = await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw namedError({ name: 'OperationError', message: 'No 2D canvas to read the image.' });
  // transparent pixels read as black: put the image on white, as a page shows it
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { data } = context.getImageData(0, 0, width, height);
  const { codes } = decodeQrCodes({ image: { data, width, height } });
  return { codes, width, height, ms: performance.now() - started };
}
