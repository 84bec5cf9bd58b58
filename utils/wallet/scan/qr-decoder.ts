// The background decodes images (page images, "Scan this screen", the image menu) with utils/qr
// and jsQR: about 150 KB that the worker would otherwise parse, and jsQR's tables it would build,
// on every start, before it answers the popup's first message. They are built as a script of their
// own (entrypoints/qr-decoder.ts) that the worker loads when it first decodes an image.
// importScripts, not import(): a service worker may not import() (HTML spec), and once installed
// Chromium lets it importScripts only the scripts it imported while installing, hence the
// install listener (the extension's classic worker; a module worker would have neither).
import { namedError } from '../../messaging/errors';
import { QR_DECODER_GLOBAL, QR_DECODER_SCRIPT, type DecodeImage, type QrDecoderScope } from '../../qr/decoder-script';

export type { DecodeImage } from '../../qr/decoder-script';

/** Call once, synchronously at the worker's start (a later install listener would miss the event). */
export function createQrDecoderLoader({ scope = globalThis as unknown as QrDecoderScope }: { scope?: QrDecoderScope } = {}): DecodeImage {
  scope.addEventListener('install', () => scope.importScripts(QR_DECODER_SCRIPT));
  function decoder() {
    if (!scope[QR_DECODER_GLOBAL]) {
      try {
        scope.importScripts(QR_DECODER_SCRIPT);
      } catch (cause) {
        throw namedError({ name: 'OperationError', message: `The wallet's QR decoder (${QR_DECODER_SCRIPT}) could not be loaded.`, cause });
      }
    }
    const loaded = scope[QR_DECODER_GLOBAL];
    if (!loaded) throw namedError({ name: 'OperationError', message: `${QR_DECODER_SCRIPT} loaded but did not provide the QR decoder.` });
    return loaded;
  }
  return async (options) => decoder().decodeImageBlob(options);
}
