// npx tsx bench/exchange-client.bench.ts [iterations]
// Wall time of one DID-auth + issue exchange against the local workflow service, driven by the
// utils/vcalm step machine (validation, transcript, bounds, JSON-serialisable state saved after
// every step) vs a bare fetch loop (GET protocols, POST {}, sign, POST VP), side by side,
// interleaved, plus VP signing time on its own.
import { performance } from 'node:perf_hooks';
import { createPresentation, generateDidKey, signPresentation } from '../utils/crypto';
import { answerDidAuth } from '../utils/vcalm/cli/did-auth';
import { runExchange, type ExchangeState, type TranscriptMessage } from '../utils/vcalm';
import { startWorkflowService } from '../workflow-service';
import { createExchange } from '../workflow-service/testing/holder';

const iterations = Number(process.argv[2] ?? 30);
const warmup = 3;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { median: at(0.5), p90: at(0.9), mean, min: sorted[0] };
}

const service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
const key = await generateDidKey();
const workflowUrl = service.workflowUrl('provenance-issuance');

async function bareLoop(interactionUrl: string) {
  const headers = { accept: 'application/json', 'content-type': 'application/json' };
  const protocols = await (await fetch(interactionUrl, { headers: { accept: 'application/json' } })).json();
  const vcapi = protocols.protocols.vcapi;
  const first = await (await fetch(vcapi, { method: 'POST', headers, body: '{}' })).json();
  const vpr = first.verifiablePresentationRequest;
  const vp = await signPresentation({ presentation: createPresentation({ holder: key.did }), key, challenge: vpr.challenge, domain: vpr.domain });
  const final = await (await fetch(vcapi, { method: 'POST', headers, body: JSON.stringify({ verifiablePresentation: vp }) })).json();
  if (!final.verifiablePresentation) throw new Error(`bare loop: no credential: ${JSON.stringify(final)}`);
}

async function stepMachine(interactionUrl: string) {
  const transcript: TranscriptMessage[] = [];
  let saved = '';
  const save = (state: ExchangeState) => { saved = JSON.stringify(state); }; // what the worker writes to IndexedDB
  const r = await runExchange({
    interactionUrl,
    answer: async (event) => answerDidAuth({ event, key }),
    onMessage: (m) => { transcript.push(m); },
    checkpoint: save,
    onEvent: ({ state }) => save(state),
  });
  if (r.event.type !== 'complete' || r.presentations.length !== 1 || !saved) throw new Error(`step machine: ${JSON.stringify(r.event)}`);
}

const times = { machine: [] as number[], bare: [] as number[], sign: [] as number[] };
for (let i = 0; i < warmup + iterations; i++) {
  const drivers: ['machine' | 'bare', (url: string) => Promise<void>][] = [['machine', stepMachine], ['bare', bareLoop]];
  if (i % 2) drivers.reverse();
  for (const [name, fn] of drivers) {
    const url = `${await createExchange({ workflowUrl, token: service.token })}?iuv=1`;
    const t0 = performance.now();
    await fn(url);
    if (i >= warmup) times[name].push(performance.now() - t0);
  }
  const t0 = performance.now();
  await signPresentation({ presentation: createPresentation({ holder: key.did }), key, challenge: `c-${i}`, domain: service.baseUrl });
  if (i >= warmup) times.sign.push(performance.now() - t0);
}
await service.close();

const m = stats(times.machine);
const b = stats(times.bare);
const s = stats(times.sign);
const f = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
console.log(`exchange-client bench: ${iterations} exchanges each (after ${warmup} warm-up), interleaved, local workflow service on 127.0.0.1`);
console.log(`${'driver'.padEnd(34)}${'median'.padStart(10)}${'p90'.padStart(10)}${'mean'.padStart(10)}${'min'.padStart(10)}`);
for (const [label, x] of [['step machine (utils/vcalm)', m], ['bare fetch loop', b], ['VP signing only (eddsa-rdfc-2022)', s]] as const) {
  console.log(`${label.padEnd(34)}${f(x.median)}${f(x.p90)}${f(x.mean)}${f(x.min)}`);
}
console.log(`ratio step machine / bare loop: ${(m.median / b.median).toFixed(2)}× (median), ${(m.mean / b.mean).toFixed(2)}× (mean); overhead ${(m.median - b.median).toFixed(1)} ms per exchange`);
console.log(`VP signing share of one exchange: ${((s.median / m.median) * 100).toFixed(0)}%`);
