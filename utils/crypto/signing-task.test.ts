// createSigningTask: a unit of signing work for benches.
import { describe, expect, it } from 'vitest';
import { createSigningTask, generateDidKey, verifyPresentation, type WalletKey } from './index';

describe('createSigningTask', () => {
  it.each([false, true])('returns a function that signs a fresh, verifiable DID-auth VP each call (extractable: %s)', async (extractable) => {
    const key = await generateDidKey({ extractable });
    const task = createSigningTask({ key, challenge: 'c', domain: 'https://d.example', cryptosuite: 'Ed25519Signature2020' });
    const [a, b] = [await task(), await task()];
    expect(a).not.toBe(b);
    expect((a as { proof: { type: string } }).proof.type).toBe('Ed25519Signature2020');
    expect((await verifyPresentation({ presentation: a, challenge: 'c', domain: 'https://d.example' })).verified).toBe(true);
  });

  it('rejects a missing key', () => {
    expect(() => createSigningTask({ key: undefined as unknown as WalletKey })).toThrow(TypeError);
  });
});
