// Messages between the camera page and its decoder worker.
import type { DecodedQrCode } from '../qr';

export interface DecodeRequest {
  id: number;
  bitmap: ImageBitmap;
}

export interface DecodeReply {
  id: number;
  codes: DecodedQrCode[];
  width: number;
  height: number;
  /** time in the worker: draw + read pixels + decode */
  ms: number;
  error?: { name: string; message: string };
}
