import { afterEach, describe, expect, it } from 'vitest';
import { watchDocument, type ScanResult } from './index';
import { createPage, fillPage } from './testing/page';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

describe('watchDocument', () => {
  it('reports links inserted late into a 10,000-node page, each once, in short slices', async () => {
    const { document, close } = createPage();
    fillPage({ document, nodes: 10_000 });
    const results: ScanResult[] = [];
    const watch = watchDocument({ document, onResult: (r) => results.push(r), debounceMs: 20, sliceMs: 8 });
    cleanup = async () => { watch.stop(); await close(); };
    const first = await watch.ready;
    expect(first.findings).toEqual([]);
    expect(first.stats.slices).toBeGreaterThan(1); // time-sliced; durations live in bench/scan.bench.ts

    const cards = document.querySelectorAll('article');
    const late = document.createElement('div');
    late.innerHTML = '<p>Pay with your wallet: <a href="https://shop.example/interactions/late?iuv=1">start</a></p>';
    cards[5000 / 10].append(late);
    await expect.poll(() => results.flatMap((r) => r.findings.map((f) => f.value))).toEqual(['https://shop.example/interactions/late?iuv=1']);

    // the same link again, a changed href, and text typed into an existing node
    const again = late.cloneNode(true);
    cards[10].append(again);
    const link = cards[20].querySelector('a')!;
    link.setAttribute('href', '/interactions/changed?iuv=1');
    cards[30].querySelector('span')!.firstChild!.textContent = 'see web+interaction:https://brand.example/i/typed?iuv=1';
    await expect.poll(() => results.flatMap((r) => r.findings.map((f) => f.value)).sort()).toEqual([
      'https://shop.example/interactions/changed?iuv=1',
      'https://shop.example/interactions/late?iuv=1',
      'web+interaction:https://brand.example/i/typed?iuv=1',
    ]);
    // incremental: each batch walked only the added subtrees / changed nodes, not the page
    // (the slice bound itself is asserted on the full scan above and measured by bench/scan)
    expect(results.map((r) => r.stats.nodes).filter((n) => n > 50)).toEqual([]);
  });

  it('reports new QR image candidates and nothing after stop()', async () => {
    const { document, close } = createPage({ html: '<img src="/a.png" width="120" height="120">' });
    const results: ScanResult[] = [];
    const watch = watchDocument({ document, onResult: (r) => results.push(r), debounceMs: 10 });
    cleanup = close;
    await watch.ready;
    expect(results.flatMap((r) => r.images.map((i) => i.src))).toEqual(['https://shop.example/a.png']);
    const img = document.createElement('img');
    img.setAttribute('src', '/b.png');
    document.body.append(img);
    await expect.poll(() => results.flatMap((r) => r.images.map((i) => i.src))).toEqual(['https://shop.example/a.png', 'https://shop.example/b.png']);
    watch.stop();
    const after = document.createElement('a');
    after.setAttribute('href', 'https://shop.example/interactions/after?iuv=1');
    document.body.append(after);
    await watch.flush();
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });

  it('rejects bad arguments with TypeError', () => {
    expect(() => watchDocument({ document: null as never, onResult: () => {} })).toThrow(TypeError);
    const { document, close } = createPage();
    cleanup = close;
    expect(() => watchDocument({ document, onResult: 'x' as never })).toThrow(TypeError);
  });
});
