// The background decodes images (page images, "Scan this screen", the image menu) with utils/qr
// and jsQR: about 150 KB that the worker would otherwise parse, and jsQR's tables it would build,
// on every start, before it answers the popup's first message. They are built as a script of their
// own (entrypoints/qr-decoder.ts) that the worker loads when it first decodes an image
// (../lazy-script.ts).
import { lazyScript } from '../lazy-script';
import { QR_DECODER_GLOBAL, QR_DECODER_SCRIPT, type DecodeImage, type QrDecoderScope } from '../../qr/decoder-script';

export type { DecodeImage } from '../../qr/decoder-script';

const qrDecoder = lazyScript<typeof QR_DECODER_GLOBAL, { decodeImageBlob: DecodeImage }>({ script: QR_DECODER_SCRIPT, global: QR_DECODER_GLOBAL, what: 'QR decoder' });

/** Call once, synchronously at the worker's start (a later install listener would miss the event). */
export function createQrDecoderLoader({ scope }: { scope?: QrDecoderScope } = {}): DecodeImage {
  qrDecoder.importOnInstall({ scope });
  return async (options) => qrDecoder.load({ scope }).decodeImageBlob(options);
}
