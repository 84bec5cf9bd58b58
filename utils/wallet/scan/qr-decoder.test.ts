import { describe, expect, test } from 'vitest';
import { createQrDecoderLoader } from './qr-decoder';
import { QR_DECODER_GLOBAL, QR_DECODER_SCRIPT } from '../../qr/decoder-script';
import { fakeWorkerScope } from '../test-support/worker-scope';
import { hasErrorName } from '../../errors';

const workerScope = (options: { cached?: boolean; defines?: boolean } = {}) => fakeWorkerScope({
  global: QR_DECODER_GLOBAL,
  value: { decodeImageBlob: async () => ({ codes: [], width: 1, height: 1, ms: 0 }) },
  ...options,
});

describe('the background loads the QR decoder on first use', () => {
  test('nothing is loaded at start; installing imports it (so Chromium keeps it); the first decode loads it once', async () => {
    const { scope, imported, install } = workerScope();
    const decode = createQrDecoderLoader({ scope });
    expect(imported).toEqual([]);
    install();
    expect(imported).toEqual([QR_DECODER_SCRIPT]);
    delete scope[QR_DECODER_GLOBAL]; // a later start of the worker: a fresh global scope
    await decode({ blob: new Blob([]) });
    await decode({ blob: new Blob([]) });
    expect(imported).toEqual([QR_DECODER_SCRIPT, QR_DECODER_SCRIPT]);
  });

  test('a decoder that cannot be loaded is a named error, not a bare NetworkError', async () => {
    const decode = createQrDecoderLoader({ scope: workerScope({ cached: false }).scope });
    const error = await decode({ blob: new Blob([]) }).catch((e: unknown) => e);
    expect(hasErrorName(error, 'OperationError')).toBe(true);
    expect((error as Error).message).toContain(QR_DECODER_SCRIPT);
    const empty = createQrDecoderLoader({ scope: workerScope({ defines: false }).scope });
    expect(hasErrorName(await empty({ blob: new Blob([]) }).catch((e: unknown) => e), 'OperationError')).toBe(true);
  });
});
