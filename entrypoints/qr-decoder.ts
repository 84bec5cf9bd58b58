// utils/qr's image decoder (with jsQR) as a script of its own: the background loads it with
// importScripts when it first decodes an image (utils/wallet/scan/qr-decoder.ts), so a worker
// start does not parse it. Defines one global and does nothing else.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { decodeImageBlob } from '../utils/qr/decode-image';
import { QR_DECODER_GLOBAL, type QrDecoderScope } from '../utils/qr/decoder-script';

export default defineUnlistedScript(() => {
  (globalThis as unknown as QrDecoderScope)[QR_DECODER_GLOBAL] = { decodeImageBlob };
});
