// npx tsx bench/oid4vci.bench.ts [iterations]   (npm run bench -- oid4vci)
// Wall time of one OpenID4VCI pre-authorized issuance (offer → metadata → token → nonce → jwt
// proof → credential, utils/oid4vci) against one vcapi issuance (DID auth + issue, utils/vcalm) of
// the same credential from the same local workflow service, interleaved, side by side in one run.
import { performance } from 'node:perf_hooks';
import { generateDidKey } from '../utils/crypto';
import { answerDidAuth } from '../utils/vcalm/cli/did-auth';
import { runExchange, type TranscriptMessage } from '../utils/vcalm';
import { runOid4vci } from '../utils/oid4vci';
import { holderFromKeys } from '../utils/wallet/holder';
import { startWorkflowService } from '../workflow-service';
import { createExchange, request } from '../workflow-service/testing/holder';

const iterations = Number(process.argv[2] ?? 20);
const warmup = 3;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), mean: samples.reduce((a, b) => a + b, 0) / samples.length, min: sorted[0] };
}

const service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
const key = await generateDidKey();
const holder = holderFromKeys({ keys: async () => [key] });
const workflowUrl = service.workflowUrl('provenance-issuance');
const variables = { subject: 'did:example:bag-1', sku: 'HB-1', oid4vci: true };
const messages = { oid4vci: 0, vcapi: 0 };

async function oid4vci(exchangeUrl: string) {
  const offerUrl = (await request({ url: `${exchangeUrl}/protocols` })).body.protocols.OID4VCI as string;
  const seen: TranscriptMessage[] = [];
  const r = await runOid4vci({ offerUrl, holder, onMessage: (m) => { seen.push(m); } });
  if (r.event.type !== 'complete' || r.presentations.length !== 1) throw new Error(`oid4vci: ${JSON.stringify(r.event)}`);
  messages.oid4vci = seen.length + 1; // + the protocols GET above
}

async function vcapi(exchangeUrl: string) {
  const seen: TranscriptMessage[] = [];
  const r = await runExchange({ interactionUrl: `${exchangeUrl}?iuv=1`, answer: async (event) => answerDidAuth({ event, key }), onMessage: (m) => { seen.push(m); } });
  if (r.event.type !== 'complete' || r.presentations.length !== 1) throw new Error(`vcapi: ${JSON.stringify(r.event)}`);
  messages.vcapi = seen.length;
}

const times = { oid4vci: [] as number[], vcapi: [] as number[] };
for (let i = 0; i < warmup + iterations; i++) {
  const drivers: ['oid4vci' | 'vcapi', (url: string) => Promise<void>][] = [['oid4vci', oid4vci], ['vcapi', vcapi]];
  if (i % 2) drivers.reverse();
  for (const [name, fn] of drivers) {
    const exchangeUrl = await createExchange({ workflowUrl, token: service.token, variables });
    const t0 = performance.now();
    await fn(exchangeUrl);
    if (i >= warmup) times[name].push(performance.now() - t0);
  }
}
await service.close();

const o = stats(times.oid4vci);
const v = stats(times.vcapi);
const f = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
console.log(`oid4vci bench: ${iterations} issuances each (after ${warmup} warm-up), interleaved, same credential, local workflow service on 127.0.0.1`);
console.log(`${'protocol'.padEnd(44)}${'median'.padStart(10)}${'p90'.padStart(10)}${'mean'.padStart(10)}${'min'.padStart(10)}`);
console.log(`${`OID4VCI pre-authorized, jwt proof (${messages.oid4vci} HTTP)`.padEnd(44)}${f(o.median)}${f(o.p90)}${f(o.mean)}${f(o.min)}`);
console.log(`${`vcapi DID auth + issue (${messages.vcapi} HTTP)`.padEnd(44)}${f(v.median)}${f(v.p90)}${f(v.mean)}${f(v.min)}`);
console.log(`ratio OID4VCI / vcapi: ${(o.median / v.median).toFixed(2)}× (median), ${(o.mean / v.mean).toFixed(2)}× (mean)`);
