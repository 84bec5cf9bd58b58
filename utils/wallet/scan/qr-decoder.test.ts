import { describe, expect, test } from 'vitest';
import { createQrDecoderLoader } from './qr-decoder';
import { QR_DECODER_GLOBAL, QR_DECODER_SCRIPT, type QrDecoderScope } from '../../qr/decoder-script';
import { hasErrorName } from '../../errors';

// A stand-in for the worker's global scope: importScripts of the decoder script defines the
// global, as the built qr-decoder.js does; `cached: false` is a worker that did not import it
// while installing (Chromium then refuses with a NetworkError).
function workerScope({ cached = true, defines = true } = {}) {
  const imported: string[] = [];
  const listeners: (() => void)[] = [];
  const scope: QrDecoderScope = {
    importScripts(...urls) {
      if (!cached) throw new DOMException('Failed to load', 'NetworkError');
      imported.push(...urls);
      if (defines) scope[QR_DECODER_GLOBAL] = { decodeImageBlob: async () => ({ codes: [], width: 1, height: 1, ms: 0 }) };
    },
    addEventListener: (type, listener) => void (type === 'install' && listeners.push(listener)),
  };
  return { scope, imported, install: () => listeners.forEach((l) => l()) };
}

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
