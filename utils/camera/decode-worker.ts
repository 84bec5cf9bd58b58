// The camera page's decoder thread: a video frame (ImageBitmap, transferred) → utils/qr.
// Decoding off the page's main thread keeps the preview smooth; one frame at a time.
import { decodeQrCodes } from '../qr';
import type { DecodeRequest, DecodeReply } from './protocol';

let canvas: OffscreenCanvas | undefined;

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const { id, bitmap } = event.data;
  const started = performance.now();
  try {
    const { width, height } = bitmap;
    if (!canvas || canvas.width !== width || canvas.height !== height) canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw Object.assign(new Error('No 2D canvas in the decoder.'), { name: 'OperationError' });
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const { data } = context.getImageData(0, 0, width, height);
    const { codes } = decodeQrCodes({ image: { data, width, height } });
    const reply: DecodeReply = { id, codes, width, height, ms: performance.now() - started };
    self.postMessage(reply);
  } catch (error) {
    const e = error as Error;
    const reply: DecodeReply = { id, codes: [], width: 0, height: 0, ms: performance.now() - started, error: { name: e.name, message: e.message } };
    self.postMessage(reply);
  }
};
