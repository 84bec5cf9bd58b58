// QR texts → findings, through the same validation as a pasted URL (utils/scan → utils/vcalm).
import type { DecodedQrCode } from '../qr';
import { classifyFound } from './classify-found';
import type { Finding } from './types';

export function findingsFromCodes({ codes, image }: { codes: DecodedQrCode[]; image: string }): Finding[] {
  return codes.map((code) => classifyFound({ source: 'image', value: code.text, where: { image, bounds: code.bounds } }));
}

/** A short, storable name for an image source: its URL, or what a data: URL was rasterised from. */
export function imageLabel({ src, kind }: { src: string; kind: string }): string {
  if (!src.startsWith('data:')) return src;
  let hash = 0x811c9dc5;
  for (let i = 0; i < src.length; i += Math.max(1, Math.floor(src.length / 4096))) {
    hash = Math.imul(hash ^ src.charCodeAt(i), 0x01000193) >>> 0;
  }
  return `${kind}:${hash.toString(16)}:${src.length}`;
}
