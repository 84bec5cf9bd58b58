// Bounds for untrusted JSON at every boundary (server replies, page and content-script messages,
// imported files, workflow-service request bodies, the CLIs): nesting depth, node count and the
// keys that mean something to JavaScript objects. Written by hand because no maintained library
// does this one job: schema validators recurse (a 20k-level document overflows their stack just
// as jsonld and JSON.stringify do) and none of them refuses `__proto__`.
//
// Why the keys: JSON.parse makes `"__proto__"` an own property, which jsonld expansion then skips
// without a word, so a signed credential with an added `"__proto__": {…}` still verified while
// the wallet stored and showed the unsigned extra. `constructor` / `prototype` are refused with it.
import { namedError, type NamedError, hasErrorName } from './errors';

export interface JsonBounds {
  /** Deepest nesting of arrays/objects (the top value is depth 1). */
  maxDepth: number;
  /** Values of any kind (objects, arrays, strings, numbers, …) counted over the whole document. */
  maxNodes: number;
}

/** Generous for real credentials, presentations, requests and replies (they nest < 20 deep). */
export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxDepth: 64, maxNodes: 200_000 };

/** Keys refused anywhere in untrusted JSON. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const forbidden = new Set(FORBIDDEN_KEYS);

function dataError(message: string, cause?: unknown): NamedError {
  return namedError({ name: 'DataError', message, cause });
}

/**
 * Walk `value` without recursion and throw a DataError naming `what` when it nests deeper than
 * `maxDepth`, holds more than `maxNodes` values, or has a `__proto__` / `constructor` /
 * `prototype` key anywhere. Returns `value` unchanged.
 */
export function checkJson<T>({ value, what = 'The data', bounds }: {
  value: T;
  what?: string;
  bounds?: Partial<JsonBounds>;
}): T {
  const { maxDepth, maxNodes } = { ...DEFAULT_JSON_BOUNDS, ...bounds };
  const stack: [unknown, number, string][] = [[value, 1, '']];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (++nodes > maxNodes) throw dataError(`${what} has more than ${maxNodes} values.`);
    if (!node || typeof node !== 'object') continue;
    if (depth > maxDepth) throw dataError(`${what} nests deeper than ${maxDepth} levels.`);
    // everything on the stack will be counted: refuse a huge array or object before copying it
    const children = Array.isArray(node) ? node.length : Object.keys(node).length;
    if (nodes + stack.length + children > maxNodes) throw dataError(`${what} has more than ${maxNodes} values.`);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], depth + 1, path]);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (forbidden.has(key)) {
        const where = path ? ` in ${path.length > 120 ? `${path.slice(0, 120)}…` : path}` : '';
        throw dataError(`${what} has a "${key}" key${where}; it is refused (not part of any signed data).`);
      }
      stack.push([(node as Record<string, unknown>)[key], depth + 1, path ? `${path}.${key}` : key]);
    }
  }
  return value;
}

/** JSON.parse (which does not recurse) followed by checkJson; every failure is a DataError. */
export function parseJson({ text, what = 'The data', bounds }: {
  text: string;
  what?: string;
  bounds?: Partial<JsonBounds>;
}): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw dataError(`${what} is not valid JSON.`, cause);
  }
  return checkJson({ value, what, bounds });
}

/** Whether `error` came from these checks (or any other DataError). */
export function isDataError(error: unknown): boolean {
  return hasErrorName(error, 'DataError');
}
