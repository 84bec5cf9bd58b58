/** An Error with a DOMException-style `name`, a message and an optional cause. */
export { namedError as dbError } from '../errors';

export const requireString = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || !value) throw new TypeError(`"${name}" must be a non-empty string.`);
  return value;
};

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** JSON with sorted keys: equal documents give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
