// The QR decoder as a script of its own (entrypoints/qr-decoder.ts → /qr-decoder.js) for the
// background, which loads it on first use (utils/wallet/scan/qr-decoder.ts): what the two agree on.
import type { ImageDecodeResult } from './decode-image';

export type DecodeImage = (options: { blob: Blob; maxPixels?: number }) => Promise<ImageDecodeResult>;

export const QR_DECODER_SCRIPT = '/qr-decoder.js';
/** The global the script sets. */
export const QR_DECODER_GLOBAL = 'vcalmQrDecoder';

export interface QrDecoderScope {
  importScripts(...urls: string[]): void;
  addEventListener(type: 'install', listener: () => void): void;
  [QR_DECODER_GLOBAL]?: { decodeImageBlob: DecodeImage };
}
