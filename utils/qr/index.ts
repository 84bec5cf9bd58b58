export { decodeQrCodes, FALLBACK_MAX_PIXELS, type DecodeQrOptions } from './decode-qr-codes';
export { MAX_IMAGE_PIXELS } from './validate-image';
export type { Bounds, DecodedQrCode, DecodeQrResult, QrTimings, RgbaImage } from './types';
