import { namedError } from './errors';

/**
 * Turns DCQL claims (`[{path, values?}]`) into a QueryByExample example, so a
 * DCQL credential query can be matched with the same rules. Path steps: a
 * string is an object key, a number an array position, `null` "any element".
 * No `values` means "must be present" (""); several values mean "any of" (an
 * example array). Used for explanation only; the wallet does not answer DCQL.
 */
export function exampleFromDcqlClaims({ claims }: { claims: unknown }): Record<string, unknown> {
  if (!Array.isArray(claims)) throw new TypeError('"claims" must be an array.');
  const root: Record<string, unknown> = {};
  for (const claim of claims) {
    const path = (claim as { path?: unknown })?.path;
    const values = (claim as { values?: unknown })?.values;
    if (!Array.isArray(path) || !path.length || path.length > 32) {
      throw namedError({ name: 'DataError', message: 'A DCQL claim has no readable "path".' });
    }
    const leaf: unknown =
      Array.isArray(values) && values.length ? (values.length === 1 ? values[0] : values) : '';
    let node: any = root;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      const last = i === path.length - 1;
      const key = step === null ? 0 : step;
      if (typeof key !== 'string' && !(Number.isInteger(key) && key >= 0 && key < 1000)) {
        throw namedError({ name: 'DataError', message: 'A DCQL claim path step is not readable.' });
      }
      if (last) {
        if (step === null && Array.isArray(leaf)) node.push(...leaf);
        else setOwn(node, key, leaf);
      } else {
        const nextIsIndex = path[i + 1] === null || typeof path[i + 1] === 'number';
        if (!Object.prototype.hasOwnProperty.call(node, key)) setOwn(node, key, nextIsIndex ? [] : {});
        node = node[key];
      }
    }
  }
  return compact(root) as Record<string, unknown>;
}

/** Defines an own data property, so "__proto__" / "constructor" keys cannot reach a prototype. */
function setOwn(node: any, key: string | number, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, compact(v));
    return out;
  }
  return value;
}
