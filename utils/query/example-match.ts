/**
 * QueryByExample `example` matching (overlay semantics).
 *
 * Rules, chosen to agree with the public QBE implementations
 * (digitalbazaar/oid4-client's match tests are the reference table):
 * - every field of the example must be in the credential; extra credential fields are fine;
 * - `""`, `{}` and `[]` mean "must be present" (any non-null value);
 * - `null` means "must be present and null";
 * - `type` (at any level): every example type must be among the credential's types;
 * - a scalar matches an equal scalar or an array containing it; an example array matches
 *   when any of its entries matches any entry of the credential's value;
 * - a number and a string match only as integers ("25" ~ 25; "3.14" !~ 3.14); no trimming;
 * - top-level `@context`: JSON-LD vocabularies are compared leniently (VC 1.1 and 2.0 base
 *   contexts are interchangeable; another missing context is a warning, or a failure when
 *   `strictContexts` is set), because issuers pin different context versions of one vocabulary.
 */

export interface ExampleMismatch {
  criterion: 'credential' | 'type' | 'context' | 'example';
  path?: string;
  message: string;
}

export type ExampleResult = { ok: true; warnings: string[] } | ({ ok: false } & ExampleMismatch);

const MAX_DEPTH = 32;

const BASE_CONTEXTS = new Set([
  'https://www.w3.org/2018/credentials/v1',
  'https://www.w3.org/ns/credentials/v2',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Own properties only: an example key such as "__proto__" must not reach the prototype. */
const own = (object: Record<string, unknown>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;

const toList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A short, quoted rendering of a value for messages. */
export function formatValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 64 ? `${text.slice(0, 61)}…` : text;
}

function scalarEquals(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  const integerString = (s: string) => /^-?\d+$/.test(s);
  if (typeof expected === 'number' && typeof actual === 'string') {
    return Number.isInteger(expected) && integerString(actual) && Number(actual) === expected;
  }
  if (typeof expected === 'string' && typeof actual === 'number') {
    return Number.isInteger(actual) && integerString(expected) && Number(expected) === actual;
  }
  return false;
}

const isPresent = (v: unknown) => v !== undefined && v !== null;

const isWildcard = (v: unknown) =>
  v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

type Failure = { path: string; message: string; criterion?: 'type' } | null;

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function typeValues(value: unknown): string[] {
  return toList(value).filter((t): t is string => typeof t === 'string');
}

function matchTypes(expected: unknown, actual: unknown, path: string): Failure {
  if (isWildcard(expected)) {
    return isPresent(actual) ? null : { path, message: `It has no ${path}.`, criterion: 'type' };
  }
  const have = typeValues(actual);
  const missing = typeValues(expected).filter((t) => !have.includes(t));
  if (!missing.length) return null;
  const what = path === 'type' ? 'It is' : `Its ${path} is`;
  return {
    path,
    criterion: 'type',
    message: have.length
      ? `${what} ${have.join(', ')}, not ${missing.join(', ')}.`
      : `It has no ${path} (needs ${missing.join(', ')}).`,
  };
}

function matchValue(expected: unknown, actual: unknown, path: string, depth: number): Failure {
  if (depth > MAX_DEPTH) return { path, message: `The request nests ${path} too deeply.` };
  if (isWildcard(expected)) {
    return isPresent(actual) ? null : { path, message: `It has no ${path}.` };
  }
  if (expected === null) {
    if (actual === null) return null;
    if (actual === undefined) return { path, message: `It has no ${path} (asked to be null).` };
    return { path, message: `Its ${path} is ${formatValue(actual)}, but the request wants null.` };
  }
  if (actual === undefined) return { path, message: `It has no ${path}.` };
  if (Array.isArray(expected)) {
    const actualList = toList(actual);
    const hit = expected.some((e) => actualList.some((a) => !matchValue(e, a, path, depth + 1)));
    return hit
      ? null
      : { path, message: `Its ${path} has none of ${formatValue(expected)}.` };
  }
  if (isObject(expected)) {
    if (Array.isArray(actual)) {
      return actual.some((a) => !matchValue(expected, a, path, depth + 1))
        ? null
        : { path, message: `No entry of its ${path} matches ${formatValue(expected)}.` };
    }
    if (typeof actual === 'string' && Object.keys(expected).every((k) => k === 'id')) {
      return matchValue(expected.id, actual, join(path, 'id'), depth + 1);
    }
    if (!isObject(actual)) {
      return { path, message: `Its ${path} is ${formatValue(actual)}, not an object.` };
    }
    for (const [key, value] of Object.entries(expected)) {
      const failure =
        key === 'type'
          ? matchTypes(value, own(actual, key), join(path, key))
          : matchValue(value, own(actual, key), join(path, key), depth + 1);
      if (failure) return failure;
    }
    return null;
  }
  // scalar
  if (Array.isArray(actual)) {
    return actual.some((a) => scalarEquals(expected, a))
      ? null
      : { path, message: `Its ${path} does not include ${formatValue(expected)}.` };
  }
  return scalarEquals(expected, actual)
    ? null
    : {
        path,
        message: `Its ${path} is ${formatValue(actual)}, but the request asks for ${formatValue(expected)}.`,
      };
}

/** Compares the example's @context with the credential's; returns the missing ones. */
function missingContexts(expected: unknown, actual: unknown): string[] {
  const have = new Set(toList(actual).filter((c): c is string => typeof c === 'string'));
  const haveBase = [...have].some((c) => BASE_CONTEXTS.has(c));
  return toList(expected)
    .filter((c): c is string => typeof c === 'string')
    .filter((c) => (BASE_CONTEXTS.has(c) ? !haveBase : !have.has(c)));
}

/** Does `credential` fit `example`? The first failing rule is reported. */
export function matchExample({
  example,
  credential,
  strictContexts = false,
}: {
  example: unknown;
  credential: unknown;
  strictContexts?: boolean;
}): ExampleResult {
  if (!isObject(credential)) {
    return { ok: false, criterion: 'credential', message: 'It is not a credential object.' };
  }
  if (example === undefined) return { ok: true, warnings: [] };
  if (!isObject(example)) {
    return {
      ok: false,
      criterion: 'example',
      message: 'The request’s example is not an object, so nothing can match it.',
    };
  }
  const warnings: string[] = [];
  if ('type' in example) {
    const failure = matchTypes(example.type, own(credential, 'type'), 'type');
    if (failure) return { ok: false, criterion: 'type', path: 'type', message: failure.message };
  }
  if ('@context' in example) {
    const missing = missingContexts(example['@context'], own(credential, '@context'));
    if (missing.length) {
      const message = `It does not use the JSON-LD context ${missing.join(', ')}.`;
      if (strictContexts) return { ok: false, criterion: 'context', path: '@context', message };
      warnings.push(message);
    }
  }
  for (const [key, value] of Object.entries(example)) {
    if (key === 'type' || key === '@context') continue;
    const failure = matchValue(value, own(credential, key), key, 1);
    if (failure) {
      return {
        ok: false,
        criterion: failure.criterion ?? 'example',
        path: failure.path,
        message: failure.message,
      };
    }
  }
  return { ok: true, warnings };
}
