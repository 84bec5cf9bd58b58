// Untrusted input from a page becomes plain JSON before anything looks at it: no getters, no
// prototypes, no cycles, bounded size.
import { MAX_GET_BYTES } from './limits';
import { checkJson } from '../json-bounds';

/** A deep JSON copy of `value`, or a TypeError (not JSON, too large) / DataError (too deep, prototype keys) naming `path`. */
export function jsonCopy<T = unknown>({ value, path, maxBytes = MAX_GET_BYTES }: {
  value: unknown;
  path: string;
  maxBytes?: number;
}): T {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new TypeError(`"${path}" must be plain JSON (no cycles, BigInts or throwing getters).`, { cause });
  }
  if (text === undefined) throw new TypeError(`"${path}" must be plain JSON.`);
  // UTF-16 length is a close, cheap upper bound on what the wallet has to process.
  if (text.length > maxBytes) {
    throw new TypeError(`"${path}" is too large (${text.length} characters; at most ${maxBytes}).`);
  }
  // depth, node count and prototype keys: a DataError naming the field
  return checkJson({ value: JSON.parse(text), what: `"${path}"` }) as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
