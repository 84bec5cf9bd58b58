// Plain jsQR on full 1920×1080 frames vs utils/qr's pipeline, over a corpus rendered in memory.
// Run: npx tsx bench/qr.bench.ts [--frames=24] [--seed=1]
import jsQR from 'jsqr';
import { decodeQrCodes } from '../utils/qr';
import { renderCorpus } from '../utils/qr/testing/corpus';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const total = arg('frames', 24);
const seed = arg('seed', 1);
const empty = Math.max(1, Math.round(total / 4));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`rendering ${total} frames (seed ${seed}, ${empty} without QR)…`);
const frames = renderCorpus({ seed, withCodes: total - empty, empty });

// warm up both paths on one frame so JIT compilation is not billed to the first frame
decodeQrCodes({ image: frames[0].image });
jsQR(frames[0].image.data as Uint8ClampedArray, 1920, 1080, { inversionAttempts: 'attemptBoth' });

const rows: string[] = [];
const plainMs: number[] = [];
const oursMs: number[] = [];
const emptyMs: number[] = [];
let painted = 0, plainFound = 0, oursFound = 0, lost = 0, falsePositives = 0, plainFalse = 0;
for (const [i, frame] of frames.entries()) {
  const { data, width, height } = frame.image;
  let t = performance.now();
  // jsQR's default is 'attemptBoth'; spelled out because jsQR 1.4 lets options leak between calls
  const plain = jsQR(data as Uint8ClampedArray, width, height, { inversionAttempts: 'attemptBoth' });
  plainMs.push(performance.now() - t);
  t = performance.now();
  const ours = decodeQrCodes({ image: frame.image });
  const ms = performance.now() - t;
  oursMs.push(ms);
  if (frame.texts.length === 0) emptyMs.push(ms);
  const oursTexts = new Set(ours.codes.map((c) => c.text));
  painted += frame.texts.length;
  const p = plain && frame.texts.includes(plain.data) ? 1 : 0;
  plainFound += p;
  const o = frame.texts.filter((x) => oursTexts.has(x)).length;
  oursFound += o;
  falsePositives += [...oursTexts].filter((x) => !frame.texts.includes(x)).length;
  if (plain && !frame.texts.includes(plain.data)) plainFalse++;
  if (plain && !oursTexts.has(plain.data)) {
    if (frame.texts.includes(plain.data)) lost++;
    else console.log(`frame ${i}: plain jsQR read ${JSON.stringify(plain.data.slice(0, 60))}, which is not in the frame (a misread)`);
  }
  rows.push(`${String(i).padStart(3)}  ${frame.label.padEnd(44)} ${String(frame.texts.length).padStart(5)}  ${String(p).padStart(5)} ${plainMs.at(-1)!.toFixed(1).padStart(8)}  ${String(o).padStart(4)} ${ms.toFixed(1).padStart(7)}`);
}
console.log('\nframe codes painted                                codes  jsQR  jsQR ms  ours  ours ms');
console.log(rows.join('\n'));
const mp = median(plainMs);
const mo = median(oursMs);
console.log(`
median time   plain jsQR ${mp.toFixed(1)} ms   ours ${mo.toFixed(1)} ms   ratio ${(mp / mo).toFixed(1)}× faster
detections    painted ${painted}   plain jsQR ${plainFound}   ours ${oursFound}   lost vs jsQR ${lost}   misreads: plain ${plainFalse}, ours ${falsePositives}
no-QR frames  ours median ${median(emptyMs).toFixed(1)} ms   max ${Math.max(...emptyMs).toFixed(1)} ms (goal < 50 ms)`);
