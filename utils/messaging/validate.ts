// Shape checks for untrusted message data. A parser takes `unknown` and returns the typed
// value or throws a DataError that names the offending field. No schema library: the
// messages are small and flat.
import { namedError } from './errors';

export type Parser<T> = (value: unknown, path: string) => T;

function fail(path: string, expected: string): never {
  throw namedError({ name: 'DataError', message: `"${path}" must be ${expected}.` });
}

export function string({ max = 4096, min = 0 }: { max?: number; min?: number } = {}): Parser<string> {
  return (value, path) => {
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      fail(path, `a string of ${min}–${max} characters`);
    }
    return value;
  };
}

export function boolean(): Parser<boolean> {
  return (value, path) => (typeof value === 'boolean' ? value : fail(path, 'true or false'));
}

export function integer({ min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}): Parser<number> {
  return (value, path) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number)
      : fail(path, `an integer from ${min} to ${max}`);
}

export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (value, path) => (values.includes(value as T) ? (value as T) : fail(path, `one of ${values.join(', ')}`));
}

export function optional<T>(parser: Parser<T>): Parser<T | undefined> {
  return (value, path) => (value === undefined || value === null ? undefined : parser(value, path));
}

export function array<T>(parser: Parser<T>, { max = 1000 }: { max?: number } = {}): Parser<T[]> {
  return (value, path) => {
    if (!Array.isArray(value) || value.length > max) fail(path, `an array of at most ${max} items`);
    return value.map((item, i) => parser(item, `${path}[${i}]`));
  };
}

type Shape = Record<string, Parser<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** An object with exactly these fields (unknown fields are an error: nothing slips through). */
export function object<S extends Shape>(shape: S): Parser<Parsed<S>> {
  return (value, path) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(path, 'an object');
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'absent (unknown field)');
    }
    const out: Record<string, unknown> = {};
    for (const [key, parser] of Object.entries(shape)) {
      const parsed = parser(input[key], `${path}.${key}`);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as Parsed<S>;
  };
}

/** No data at all (`undefined`, `null` or `{}`). */
export function empty(): Parser<undefined> {
  return (value, path) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
    return fail(path, 'empty');
  };
}

export const id = () => string({ min: 1, max: 200 });
