// Safe template substitution for credential and request templates. No eval, no expressions:
// "{{ a.b.c }}" is a dotted path into a context object. A string that is exactly one
// placeholder becomes the value itself (object, number …); placeholders inside a longer string
// are replaced by the value's text. A missing value is a DataError; so are paths through
// prototypes (`__proto__`, `constructor`), which are never looked up.
import { namedError } from '../utils/errors';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)\s*\}\}$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function templateError(message: string): Error {
  return namedError({ name: 'DataError', message });
}

export function lookup({ context, path }: { context: unknown; path: string }): unknown {
  let value: unknown = context;
  for (const key of path.split('.')) {
    if (FORBIDDEN.has(key)) throw templateError(`Template path "${path}" is not allowed.`);
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      throw templateError(`Template value "${path}" is missing.`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined) throw templateError(`Template value "${path}" is missing.`);
  return value;
}

function fillString(text: string, context: unknown): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return structuredClone(lookup({ context, path: whole[1] }));
  return text.replace(PLACEHOLDER, (_match, path: string) => {
    const value = lookup({ context, path });
    if (value !== null && typeof value === 'object') {
      throw templateError(`Template value "${path}" is an object; it cannot go inside a string.`);
    }
    return String(value);
  });
}

/** Returns a deep copy of `template` with every placeholder filled from `context`. */
export function fillTemplate<T = unknown>({ template, context }: { template: unknown; context: unknown }): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return fillString(node, context);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (FORBIDDEN.has(key)) continue;
        out[key] = walk(value);
      }
      return out;
    }
    return node;
  };
  return walk(template) as T;
}
