// Where a process's CPU time goes, from a V8 `.cpuprofile` (node --cpu-prof): each sample is
// charged to the first frame, from the sampled leaf up, whose script names a known part
// (canonicalization, signing, the pg client, HTTP, …); builtins without a script (JSON.parse,
// Map.get, …) are charged to the caller that is, except JSON.parse/stringify, which are a part
// of their own. Hand-written: the profile format is small and the buckets are this project's.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const PARTS = [
  'canonicalize (jsonld, rdf-canonize)',
  'sign / verify (ed25519, sha-256)',
  'other credential code (vc, jsigs, did:key)',
  'DB client (pg) + store',
  'HTTP (node:http, fetch)',
  'JSON parse / stringify',
  'workflow service code',
  'GC',
  'other',
] as const;
export type Part = (typeof PARTS)[number] | 'idle';

function partOfFrame({ functionName, url }: { functionName: string; url: string }): Part | undefined {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'other';
  if (!url) {
    if (functionName === 'parse' || functionName === 'stringify') return 'JSON parse / stringify';
    return undefined; // a builtin: charged to its caller
  }
  if (/rdf-canonize|\/jsonld\/|canonicalize/.test(url)) return 'canonicalize (jsonld, rdf-canonize)';
  if (/@noble|ed25519-signature|ed25519-verification-key|\/crypto\/keys\.ts|sha256digest|node:internal\/crypto|webcrypto/.test(url)) return 'sign / verify (ed25519, sha-256)';
  if (/jsonld-signatures|@digitalbazaar|\/utils\/crypto\/|base58|multibase/.test(url)) return 'other credential code (vc, jsigs, did:key)';
  if (/\/pg\/|\/pg-|sql-store\.ts|workflow-service\/db\.ts/.test(url)) return 'DB client (pg) + store';
  if (/node:_http|node:http|undici|node:internal\/deps\/undici|node:net|node:internal\/(streams|stream_base|http)|testing\/holder\.ts/.test(url)) return 'HTTP (node:http, fetch)';
  if (/workflow-service\//.test(url)) return 'workflow service code';
  return 'other';
}

/**
 * CPU ms per part in one profile, counting only samples inside `windowUs` (the machine's
 * monotonic clock in µs, as process.hrtime and the profile's timestamps use) when given.
 */
export function profileParts(file: string, windowUs?: [number, number]): Record<Part, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map<number, Part>();
  const partOf = (id: number): Part => {
    const known = memo.get(id);
    if (known) return known;
    let part: Part | undefined;
    for (let at: number | undefined = id; at !== undefined && !part; at = parent.get(at)) part = partOfFrame(byId.get(at)!.callFrame);
    memo.set(id, part ?? 'other');
    return part ?? 'other';
  };
  const totals = Object.fromEntries([...PARTS, 'idle'].map((p) => [p, 0])) as Record<Part, number>;
  // timeDeltas[i] is the time before sample i; charge it to sample i
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windowUs && (at < windowUs[0] || at > windowUs[1])) return;
    totals[partOf(id)] += delta / 1000;
  });
  return totals;
}

/** The functions with the most self time in the profiles (window as in profileParts), as shares of their non-idle time. */
export function topFunctions(files: string[], windowUs: [number, number] | undefined, count: number): { name: string; share: number }[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      at += delta;
      if (windowUs && (at < windowUs[0] || at > windowUs[1])) return;
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (functionName === '(idle)') return;
      const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(workflow-service|utils|bench)\//, '$1/')}${url ? `:${(lineNumber ?? 0) + 1}` : ''}`;
      self.set(name, (self.get(name) ?? 0) + delta);
      total += delta;
    });
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => ({ name, share: us / total }));
}
