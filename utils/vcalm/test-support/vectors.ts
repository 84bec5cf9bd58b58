import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const VECTORS = resolve(import.meta.dirname, '../../../testdata/vectors');

export function vector(path: string): any {
  return JSON.parse(readFileSync(resolve(VECTORS, path), 'utf8'));
}
