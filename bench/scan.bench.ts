// Page-scan cost on a 10,000-node happy-dom page: full scan, then a late insertion.
// Run: npx tsx bench/scan.bench.ts [--nodes=10000] [--slice=8]
import { scanAddedNodes, scanDocument } from '../utils/scan';
import { createPage, fillPage } from '../utils/scan/testing/page';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const nodes = arg('nodes', 10_000);
const sliceMs = arg('slice', 8);

const { document, close } = createPage();
fillPage({ document, nodes });
for (let i = 0; i < 5; i++) {
  const a = document.createElement('a');
  a.setAttribute('href', `/interactions/${i}?iuv=1`);
  document.querySelectorAll('article')[i * 200].append(a);
}
const p = document.createElement('p');
p.textContent = 'Or open interaction:https://brand.example/i/text?iuv=1 in your wallet.';
document.body.append(p);

await scanDocument({ document, sliceMs }); // warm-up
const runs = [];
for (let i = 0; i < 5; i++) runs.push(await scanDocument({ document, sliceMs }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const last = runs.at(-1)!;
console.log(`page: ${last.stats.nodes} nodes, ${last.findings.length} findings, ${last.images.length} image candidates`);
console.log(`full scan (slice ${sliceMs} ms): total median ${median(runs.map((r) => r.stats.totalMs)).toFixed(1)} ms, `
  + `longest slice max ${Math.max(...runs.map((r) => r.stats.longestSliceMs)).toFixed(1)} ms (goal < 50 ms), `
  + `slices ${last.stats.slices}`);
console.log(`longest slice per run: ${runs.map((r) => r.stats.longestSliceMs.toFixed(1)).join(', ')} ms `
  + '(wall clock: on a shared, loaded machine a preempted slice reads long)');

const late = document.createElement('div');
late.innerHTML = '<p><a href="https://shop.example/interactions/late?iuv=1">late</a></p>';
document.querySelectorAll('article')[500].append(late);
const inc = await scanAddedNodes({ nodes: [late], sliceMs });
console.log(`incremental scan of one added subtree: ${inc.stats.nodes} nodes, ${inc.stats.totalMs.toFixed(2)} ms, found ${inc.findings.map((f) => f.value).join(', ')}`);
await close();
