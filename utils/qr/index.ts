// utils/qr — image → QR codes, for screenshots, page images, pasted photos and the camera. Pure
// functions over RGBA pixels ({data, width, height}, the ImageData shape): runs in Node, a worker
// and an extension page. Finder patterns (any rotation, both polarities) → triples → each code
// rectified upright from its finder centres → jsQR; whole-image jsQR as the last resort.
// See README.md.
export { decodeQrCodes, FALLBACK_MAX_PIXELS, type DecodeQrOptions } from './decode-qr-codes';
export { MAX_IMAGE_PIXELS } from './validate-image';
export type { Bounds, DecodedQrCode, DecodeQrResult, QrTimings, RgbaImage } from './types';
