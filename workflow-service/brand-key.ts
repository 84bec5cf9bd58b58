// The brand's signing key: an extractable did:key kept in `${dataDir}/brand-key.json` (mode
// 0600) so credentials issued before a restart keep the same issuer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDidKey, keyFromJson, keyToJson, type WalletKey } from '../utils/crypto';
import { atomicWriteJson } from './store';

export async function loadBrandKey({ dataDir }: { dataDir: string }): Promise<WalletKey> {
  const path = join(dataDir, 'brand-key.json');
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) return keyFromJson({ json: JSON.parse(text) });
  const key = await generateDidKey({ extractable: true });
  await atomicWriteJson({ path, value: keyToJson({ key }) });
  return key;
}
