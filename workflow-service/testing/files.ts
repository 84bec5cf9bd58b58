// Test helpers that look at what the service stored on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const exchangeIdOf = (exchangeUrl: string) => exchangeUrl.split('/').pop()!;

/** The stored exchange file's exact text (to prove a refusal changed nothing). */
export const storedText = ({ dataDir, exchangeUrl }: { dataDir: string; exchangeUrl: string }) =>
  readFile(join(dataDir, 'exchanges', `${exchangeIdOf(exchangeUrl)}.json`), 'utf8');
