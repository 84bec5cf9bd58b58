// Where a process's CPU time goes, from a V8 `.cpuprofile` (node --cpu-prof): each sample is
// charged to a part by the frames on its stack, the most specific part found anywhere on it
// winning (canonicalization > signing > credential code > the pg client > JSON > HTTP > the
// service's code): a socket write under pg's query submit is the database's, JSON.parse under
// readJsonBody is JSON. Hand-written: the profile format is small and the parts are this
// project's.
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

/** Parts a stack frame can name, most specific first. */
const BY_PRIORITY: Part[] = [
  'canonicalize (jsonld, rdf-canonize)',
  'sign / verify (ed25519, sha-256)',
  'other credential code (vc, jsigs, did:key)',
  'DB client (pg) + store',
  'JSON parse / stringify',
  'HTTP (node:http, fetch)',
  'workflow service code',
];

function partOfFrame({ functionName, url }: { functionName: string; url: string }): Part | undefined {
  if (!url) return functionName === 'parse' || functionName === 'stringify' ? 'JSON parse / stringify' : undefined;
  if (/rdf-canonize|\/jsonld\/|canonicalize/.test(url)) return 'canonicalize (jsonld, rdf-canonize)';
  if (/@noble|ed25519-signature|ed25519-verification-key|\/crypto\/keys\.ts|sha256digest|node:internal\/crypto|webcrypto/.test(url)) return 'sign / verify (ed25519, sha-256)';
  if (/jsonld-signatures|@digitalbazaar|\/utils\/crypto\/|base58|multibase/.test(url)) return 'other credential code (vc, jsigs, did:key)';
  if (/\/pg\/|\/pg-|postgres-|sql-store\.ts|workflow-service\/db\.ts/.test(url)) return 'DB client (pg) + store';
  if (/node:_http|node:http|undici|node:net|node:internal\/(streams|stream_base|http|webstreams)|testing\/holder\.ts|support\/holder-loop\.ts|workflow-service\/http\.ts/.test(url)) return 'HTTP (node:http, fetch)';
  if (/workflow-service\//.test(url)) return 'workflow service code';
  return undefined;
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
    const leaf = byId.get(id)!.callFrame.functionName;
    let part: Part = leaf === '(garbage collector)' ? 'GC' : leaf === '(idle)' ? 'idle' : 'other';
    if (part === 'other') {
      let best = BY_PRIORITY.length;
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const found = partOfFrame(byId.get(at)!.callFrame);
        if (found) best = Math.min(best, BY_PRIORITY.indexOf(found));
      }
      if (best < BY_PRIORITY.length) part = BY_PRIORITY[best];
    }
    memo.set(id, part);
    return part;
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
