import { describe, expect, it } from 'vitest';
import { base58btcDecode, base58btcEncode } from './base58';

describe('base58btc', () => {
  it.each([
    [[], ''],
    [[0], '1'],
    [[0, 0, 1], '112'],
    [[0x61], '2g'],
    [[...new TextEncoder().encode('hello world')], 'StV1DL6CwTryKyV'],
  ])('%j ↔ %s', (bytes, text) => {
    expect(base58btcEncode({ bytes: Uint8Array.from(bytes) })).toBe(text);
    expect([...base58btcDecode({ text })]).toEqual(bytes);
  });

  it('round-trips random bytes', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = crypto.getRandomValues(new Uint8Array(i));
      if (i % 5 === 0 && i > 0) bytes[0] = 0;
      expect(base58btcDecode({ text: base58btcEncode({ bytes }) })).toEqual(bytes);
    }
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => base58btcDecode({ text: 'abc0' })).toThrow(TypeError);
    expect(() => base58btcDecode({ text: 'Il' })).toThrow(TypeError);
  });
});
