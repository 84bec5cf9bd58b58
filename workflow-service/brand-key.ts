// The brand's signing key and the service's bearer token: configuration that every instance on
// one database must share (an instance that made its own would sign with another issuer, or
// refuse the coordinator's token). Given by the operator (a key file / JSON, a token), or — for
// the zero-setup single instance on PGlite — made once and kept in the data directory
// (`brand-key.json`, `service-token`, mode 0600), so restarts keep the same issuer and token.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateDidKey, keyFromJson, keyToJson, type WalletKey } from '../utils/crypto';
import { atomicWriteJson } from './store';
import { namedError } from '../utils/errors';

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** The key kept in `${dataDir}/brand-key.json`, made on first use. */
export async function loadBrandKey({ dataDir }: { dataDir: string }): Promise<WalletKey> {
  const path = join(dataDir, 'brand-key.json');
  const text = await readIfThere(path);
  if (text !== undefined) return keyFromJson({ json: JSON.parse(text) });
  const key = await generateDidKey({ extractable: true });
  await atomicWriteJson({ path, value: keyToJson({ key }) });
  return key;
}

/** A configured key: the JSON `keyToJson` writes (as text, or read from a file). */
export async function brandKeyFrom({ json, file }: { json?: string; file?: string }): Promise<WalletKey> {
  const text = json ?? (file ? await readIfThere(file) : undefined);
  if (text === undefined) throw namedError({ name: 'NotFoundError', message: `The brand key file ${file} does not exist.` });
  try {
    return await keyFromJson({ json: JSON.parse(text) });
  } catch (cause) {
    throw namedError({ name: 'DataError', message: `The brand key${file ? ` in ${file}` : ''} is not a key this service wrote (keyToJson): ${(cause as Error).message}`, cause });
  }
}

/** The token kept in `${dataDir}/service-token`, made on first use. */
export async function loadToken({ dataDir }: { dataDir: string }): Promise<string> {
  const path = join(dataDir, 'service-token');
  const text = (await readIfThere(path))?.trim();
  if (text) return text;
  const token = randomBytes(24).toString('base64url');
  await atomicWriteJson({ path, value: token, raw: true });
  return token;
}
