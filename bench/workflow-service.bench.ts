// Complete provenance exchanges per second against the local workflow service, and where the
// time goes. Run: npx tsx bench/workflow-service.bench.ts [--exchanges 40]
//
// One run measures (same process, same machine):
//   1. full exchanges over HTTP on 127.0.0.1, holder and service in this process;
//   2. each part in isolation: holder signing, service verification, issuance,
//      canonicalization alone, plain HTTP round trips, the store's atomic write;
// and prints them side by side with each part's share of one exchange.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import jsonld from 'jsonld';
import {
  createPresentation,
  documentLoader,
  generateDidKey,
  issueCredential,
  signPresentation,
  verifyCredential,
  verifyPresentation,
} from '../utils/crypto';
import { startWorkflowService } from '../workflow-service/index';
import { createExchange, request } from '../workflow-service/testing/holder';

const { values } = parseArgs({ options: { exchanges: { type: 'string', default: '40' } } });
const N = Math.max(5, Number(values.exchanges));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median ms per call (robust to the load spikes of a shared machine). */
async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(3, runs); i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return { label, ms: median(samples) };
}

const service = await startWorkflowService({});
const workflowUrl = service.workflowUrl('provenance-issuance');
const origin = new URL(service.baseUrl).origin;
const holder = await generateDidKey();
const brand = await generateDidKey({ extractable: true });

// 1. Full exchanges, sequential (latency) and 4 at a time (throughput). Each phase of the
// sequential runs is timed where it happens.
const phases: Record<string, number[]> = {};
let recording = false;
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    if (recording) (phases[name] ??= []).push(performance.now() - start);
  }
}
const full = async () => {
  const exchangeUrl = await phase('POST create (coordinator)', () => createExchange({ workflowUrl, token: service.token }));
  const protocols = await phase('GET protocols', () => request({ url: `${exchangeUrl}/protocols` }));
  const start = await phase('POST {} → VPR', () => request({ url: protocols.body.protocols.vcapi, method: 'POST', body: {} }));
  const vpr = start.body.verifiablePresentationRequest;
  const signed = await phase('holder signs VP', () =>
    signPresentation({ presentation: createPresentation({ holder: holder.did }), key: holder, challenge: vpr.challenge, domain: vpr.domain }));
  const final = await phase('POST VP → verify + issue', () =>
    request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: signed } }));
  if (final.status !== 200) throw new Error(`exchange failed: ${JSON.stringify(final.body)}`);
  const read = await phase('GET exchange (coordinator)', () => request({ url: exchangeUrl, token: service.token }));
  if (read.body.exchange.state !== 'complete') throw new Error('not complete');
};
await full();
await full();
recording = true;
const sequential = await time('full exchange (sequential)', N, full);
recording = false;
const concurrency = 4;
const parallelStart = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  for (let i = 0; i < Math.ceil(N / concurrency); i++) await full();
}));
const parallelRate = (concurrency * Math.ceil(N / concurrency)) / ((performance.now() - parallelStart) / 1000);

// 2. The parts.
const challenge = 'bench-challenge-0123456789';
const vp = await signPresentation({ presentation: createPresentation({ holder: holder.did }), key: holder, challenge, domain: origin });
const credentialTemplate = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    {
      ProductAuthenticityCredential: 'urn:vcalm-wallet:vocab:ProductAuthenticityCredential',
      Product: 'https://schema.org/Product',
      owns: { '@id': 'https://schema.org/owns', '@type': '@id' },
      sku: 'https://schema.org/sku',
    },
  ],
  id: 'urn:uuid:5b0f2b5e-3c55-4a0e-9d1e-6d6b0f7f0d11',
  type: ['VerifiableCredential', 'ProductAuthenticityCredential'],
  name: 'Product authenticity',
  issuer: brand.did,
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: holder.did, owns: { id: 'did:example:bag-456', type: 'Product', sku: 'HB-2026-0042' } },
};
const credential = await issueCredential({ credential: credentialTemplate, key: brand });
const canonize = (doc: object) => jsonld.canonize(doc, { algorithm: 'URDNA2015', format: 'application/n-quads', documentLoader, safe: true });
const { proof: vpProof, ...vpBody } = vp as any;
const { proof: vcProof, ...vcBody } = credential as any;
const proofConfig = (proof: any, ctx: unknown) => {
  const rest = { ...proof };
  delete rest.proofValue;
  return { '@context': ctx, ...rest };
};
const canonRuns = Math.max(20, N);
const parts = [
  await time('holder: sign DID-auth VP', N, () => signPresentation({ presentation: createPresentation({ holder: holder.did }), key: holder, challenge, domain: origin })),
  await time('service: verify VP', N, () => verifyPresentation({ presentation: vp, challenge, domain: origin })),
  await time('service: issue credential', N, () => issueCredential({ credential: credentialTemplate, key: brand })),
  await time('(wallet: verify credential)', N, () => verifyCredential({ credential })),
];
const canon = [
  await time('canonicalize VP body', canonRuns, () => canonize(vpBody)),
  await time('canonicalize VP proof config', canonRuns, () => canonize(proofConfig(vpProof, vpBody['@context']))),
  await time('canonicalize VC body', canonRuns, () => canonize(vcBody)),
  await time('canonicalize VC proof config', canonRuns, () => canonize(proofConfig(vcProof, vcBody['@context']))),
];
// Per exchange: sign VP (VP body + proof config), verify VP (same two), issue VC (VC body + config).
const canonPerExchange = 2 * (canon[0].ms + canon[1].ms) + canon[2].ms + canon[3].ms;

const pending = await createExchange({ workflowUrl, token: service.token });
await request({ url: pending, method: 'POST', body: {} }); // now active: a second {} only repeats the request
const stored = (await service.store.get({ id: pending.split('/').pop()! }))!;
// one participation's store work: a read, then a write conditional on the row's version
const storeRoundTrip = () => service.store.queue.run({ key: stored.id, task: async (participation) => {
  const current = (await participation.get({ id: stored.id }))!;
  await participation.put({ exchange: { ...current, variables: { ...current.variables, results: { ownerBinding: { vp, credential } } } } });
} });
const http = [
  await time('HTTP GET /protocols (no disk)', N * 2, () => request({ url: `${pending}/protocols` })),
  await time('HTTP POST {} (repeat VPR, no write)', N * 2, () => request({ url: pending, method: 'POST', body: {} })),
  await time('HTTP create exchange (+ write)', N, () => createExchange({ workflowUrl, token: service.token })),
  await time(`store: read + conditional write (${service.engine})`, N, storeRoundTrip),
];
await service.close();

// 5 HTTP requests per exchange: 2 GETs (protocols, coordinator read) and 3 POSTs (create, {}, VP).
const httpPerExchange = 2 * http[0].ms + 3 * http[1].ms;
const writesPerExchange = 3 * http[3].ms; // create, active, complete (a create is one insert: an upper bound)
const cryptoPerExchange = parts[0].ms + parts[1].ms + parts[2].ms;
const total = sequential.ms;
const rows: [string, number, string][] = [
  ['complete exchange, sequential', total, `${(1000 / total).toFixed(1)} exchanges/s`],
  [`complete exchanges, ${concurrency} concurrent`, 1000 / parallelRate, `${parallelRate.toFixed(1)} exchanges/s`],
  ...parts.map((p) => [p.label, p.ms, p.label.startsWith('(') ? 'not in the loop' : `${((p.ms / total) * 100).toFixed(0)}% of an exchange`] as [string, number, string]),
  ...canon.map((c) => [`  ${c.label}`, c.ms, ''] as [string, number, string]),
  ['canonicalization per exchange (6 runs)', canonPerExchange, `${((canonPerExchange / total) * 100).toFixed(0)}% (inside sign/verify/issue)`],
  ...http.map((h) => [h.label, h.ms, ''] as [string, number, string]),
  ['HTTP per exchange (5 round trips)', httpPerExchange, `${((httpPerExchange / total) * 100).toFixed(0)}%`],
  ['store writes per exchange (3)', writesPerExchange, `${((writesPerExchange / total) * 100).toFixed(0)}%`],
  ['unaccounted (JSON, routing, scheduling, GC …)', Math.max(0, total - cryptoPerExchange - httpPerExchange - writesPerExchange), `${(Math.max(0, total - cryptoPerExchange - httpPerExchange - writesPerExchange) / total * 100).toFixed(0)}%`],
];
console.log(`workflow-service bench: ${N} exchanges, Node ${process.version}, ${new Date().toISOString()}, load ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs (medians)`);
console.log('');
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'measure'.padEnd(width)}  ${'ms/op'.padStart(8)}  ${'ops/s'.padStart(8)}  share`);
for (const [label, ms, note] of rows) {
  console.log(`${label.padEnd(width)}  ${ms.toFixed(2).padStart(8)}  ${(1000 / ms).toFixed(1).padStart(8)}  ${note}`);
}
console.log('');
console.log('Inside the sequential exchanges, median wall time per phase (HTTP included):');
const verifyIssue = parts[1].ms + parts[2].ms;
for (const [name, samples] of Object.entries(phases)) {
  const ms = median(samples);
  const extra = name.startsWith('POST VP')
    ? `   of which verify + issue ≈ ${verifyIssue.toFixed(2)} ms, HTTP + write ≈ ${Math.max(0, ms - verifyIssue).toFixed(2)} ms`
    : '';
  console.log(`  ${name.padEnd(28)} ${ms.toFixed(2).padStart(7)} ms  ${((ms / total) * 100).toFixed(0).padStart(3)}%${extra}`);
}
