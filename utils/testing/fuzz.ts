// Test support for the fuzz suites at the trust boundaries: malformed inputs generated from a valid
// shape with a seeded PRNG (the same inputs every run), and a tally of what each one ended in.
// Operations: mutate a value to a wrong type, delete a key, truncate the JSON text, nest past the
// depth bound, oversize a string or an array, replace the whole value, add prototype keys.

export interface FuzzInput {
  label: string;
  /** The input as JSON text (what a server, a file or a socket carries). */
  text: string;
  /** The parsed value, when `text` is JSON (truncations are not). */
  value?: unknown;
}

/** mulberry32: small, seedable, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (!copy || typeof copy !== 'object') return copy;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Record<string | number, unknown>;
    if (!node || typeof node !== 'object') return copy; // an earlier mutation removed this path
  }
  const last = path[path.length - 1];
  Object.defineProperty(node, last, { value: replace(node[last]), enumerable: true, writable: true, configurable: true });
  return copy;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Record<string | number, unknown>;
    if (!node || typeof node !== 'object') return copy;
  }
  const last = path[path.length - 1];
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
  return copy;
}

const WRONG: unknown[] = [null, 0, -1, 1e308, true, '', 'x', [], {}, [null], { type: 42 }, 'https://evil.example/', '\u0000\u202e'];

/**
 * `count` malformed variants of `valid` (deterministic for a seed). Each one is labelled with the
 * operation that made it; some may by chance still be valid — the suites check those answers.
 */
export function malformedInputs({ valid, seed, count }: { valid: unknown; seed: number; count: number }): FuzzInput[] {
  const rand = prng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const all = paths(valid);
  const objects = all.filter((p) => {
    let v: unknown = valid;
    for (const k of p) v = (v as Record<string | number, unknown>)[k];
    return !!v && typeof v === 'object' && !Array.isArray(v);
  });
  const out: FuzzInput[] = [];
  const ops = ['mutate', 'delete', 'truncate', 'nest', 'oversize-string', 'oversize-array', 'whole', 'proto', 'mutate2'] as const;
  for (let i = 0; out.length < count; i++) {
    const op = ops[i % ops.length];
    const path = pick(all);
    const where = path.join('.') || '(top)';
    let value: unknown;
    switch (op) {
      case 'mutate':
        value = setAt(valid, path, () => pick(WRONG));
        break;
      case 'mutate2':
        value = setAt(setAt(valid, path, () => pick(WRONG)), pick(all), () => pick(WRONG));
        break;
      case 'delete':
        value = deleteAt(valid, path);
        break;
      case 'truncate': {
        const text = JSON.stringify(valid);
        const cut = 1 + Math.floor(rand() * (text.length - 1));
        out.push({ label: `truncate at ${cut}`, text: text.slice(0, cut) });
        continue;
      }
      case 'nest': {
        // built as text: JSON.stringify itself recurses and would overflow first
        const depth = pick([65, 100, 1000, 20_000]);
        const open = Array.from({ length: depth }, () => (rand() < 0.5 ? '[' : '{"a":'));
        const close = open.map((o) => (o === '[' ? ']' : '}')).reverse().join('');
        const text = JSON.stringify(setAt(valid, path, () => '\u0000NEST')).replace('"\\u0000NEST"', `${open.join('')}1${close}`);
        out.push({ label: `nest ${depth} at ${where}`, text, value: JSON.parse(text) });
        continue;
      }
      case 'oversize-string':
        value = setAt(valid, path, () => 'x'.repeat(pick([3000, 70_000, 300_000, 3_000_000])));
        break;
      case 'oversize-array':
        value = setAt(valid, path, () => Array.from({ length: pick([60, 1000, 250_000]) }, (_, n) => ({ n })));
        break;
      case 'whole':
        value = pick([...WRONG, [valid, valid], { wrapped: valid }]);
        break;
      case 'proto': {
        const key = pick(['__proto__', 'constructor', 'prototype']);
        const target = objects.length ? pick(objects) : [];
        value = setAt(valid, target, (old) => {
          const copy = old && typeof old === 'object' && !Array.isArray(old) ? { ...(old as object) } : {};
          Object.defineProperty(copy, key, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
          return copy;
        });
        out.push({ label: `proto ${key} at ${target.join('.') || '(top)'}`, text: JSON.stringify(value), value: JSON.parse(JSON.stringify(value)) });
        continue;
      }
    }
    const text = JSON.stringify(value) ?? 'undefined';
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    out.push({ label: `${op} at ${where}`, text, value: parsed });
  }
  return out;
}

export type Outcome = 'named' | 'accepted' | 'other';

export interface Tally {
  tried: number;
  named: number;
  accepted: number;
  other: number;
  /** The first few "other" outcomes, to say what went wrong. */
  others: string[];
  names: Record<string, number>;
}

export function newTally(): Tally {
  return { tried: 0, named: 0, accepted: 0, other: 0, others: [], names: {} };
}

/** Names a boundary may answer with (a plain Error, RangeError or unnamed TypeError is a bug). */
export const NAMED_ERRORS = new Set([
  'DataError', 'NotAllowedError', 'NotSupportedError', 'OperationError', 'NotFoundError', 'BodySizeLimitError',
  'StepLimitError', 'RedirectLimitError', 'InvalidStateError', 'TimeoutError', 'SyntaxError',
]);

/** Record one outcome. `error` named → 'named'; no error and `correct` → 'accepted'; else 'other'. */
export function record(tally: Tally, { label, error, correct, extraNames = [] }: {
  label: string; error?: { name?: unknown; message?: unknown } | null; correct?: boolean; extraNames?: string[];
}): Outcome {
  tally.tried++;
  let outcome: Outcome;
  if (error) {
    const name = String(error.name ?? '');
    outcome = NAMED_ERRORS.has(name) || extraNames.includes(name) ? 'named' : 'other';
    if (outcome === 'named') tally.names[name] = (tally.names[name] ?? 0) + 1;
  } else outcome = correct ? 'accepted' : 'other';
  tally[outcome]++;
  if (outcome === 'other' && tally.others.length < 5) {
    tally.others.push(`${label}: ${error ? `${String(error.name)}: ${String(error.message).slice(0, 160)}` : 'accepted but wrong'}`);
  }
  return outcome;
}

export function formatTally(boundary: string, t: Tally): string {
  return `fuzz ${boundary}: tried ${t.tried} / named error ${t.named} / accepted correctly ${t.accepted} / anything else ${t.other} ${JSON.stringify(t.names)}`;
}
