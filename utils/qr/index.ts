// utils/qr — image → QR codes, for screenshots, page images and pasted photos. Pure functions
// over RGBA pixels ({data, width, height}, the ImageData shape): runs in Node, a worker and an
// offscreen document. Pipeline: luminance (box-downsampled past 2.4 MP) → 8×8 block thresholds →
// 1:1:3:1:1 run scan on rows (both polarities), confirmed on the column and the diagonal →
// finder triples (right isosceles, similar module size) → timing-pattern check → jsQR on a crop
// per code (shrunk for big modules, enlarged for tiny ones, contrast-stretched as a last try).
// Whole-image jsQR only as a fallback for images ≤ 1 MP (see DecodeQrOptions.fallback).
export { decodeQrCodes, FALLBACK_MAX_PIXELS, type DecodeQrOptions } from './decode-qr-codes';
export { MAX_IMAGE_PIXELS } from './validate-image';
export type { Bounds, DecodedQrCode, DecodeQrResult, QrTimings, RgbaImage } from './types';
