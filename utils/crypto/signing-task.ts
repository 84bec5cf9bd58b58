import { createPresentation, signPresentation } from './sign';
import type { WalletKey } from './keys';

/**
 * A repeatable unit of signing work for benchmarks: each call of the returned
 * function signs the same DID-auth presentation (new proof, same inputs).
 * Time it however you like; nothing here measures.
 */
export function createSigningTask({
  key,
  cryptosuite = 'eddsa-rdfc-2022',
  challenge = 'bench-challenge',
  domain = 'https://bench.example',
}: {
  key: WalletKey;
  cryptosuite?: string;
  challenge?: string;
  domain?: string;
}): () => Promise<object> {
  if (!key || typeof key !== 'object' || typeof key.did !== 'string') throw new TypeError('"key" must be a WalletKey.');
  const presentation = createPresentation({ holder: key.did });
  return () => signPresentation({ presentation, key, challenge, domain, cryptosuite });
}
