import { afterEach, describe, expect, it } from 'vitest';
import { scanAddedNodes, scanDocument } from './index';
import { createPage, fillPage } from './testing/page';

let close: (() => Promise<void>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

function page(html: string) {
  const p = createPage({ html });
  close = p.close;
  return p.document;
}

const kinds = (r: { findings: { value: string; source: string; classification: { kind: string } }[] }) =>
  Object.fromEntries(r.findings.map((f) => [f.value, `${f.source}:${f.classification.kind}`]));

describe('scanDocument', () => {
  it('finds interaction links (absolute, relative, wrapped) and ignores plain links', async () => {
    const document = page(`
      <a href="https://shop.example/interactions/1?iuv=1">start</a>
      <a href="/interactions/2?iuv=1">relative</a>
      <a href="interaction:https://brand.example/i/3?iuv=1">wrapped</a>
      <a href="web+interaction:https://brand.example/i/4?iuv=1">web wrapped</a>
      <a href="https://shop.example/cart">cart</a>
      <a href="mailto:a@b.example">mail</a>`);
    const result = await scanDocument({ document });
    expect(kinds(result)).toEqual({
      'https://shop.example/interactions/1?iuv=1': 'link:interaction-url',
      'https://shop.example/interactions/2?iuv=1': 'link:interaction-url',
      'interaction:https://brand.example/i/3?iuv=1': 'link:interaction-url',
      'web+interaction:https://brand.example/i/4?iuv=1': 'link:interaction-url',
    });
    expect(result.findings[0].where).toEqual({ tag: 'a', attribute: 'href' });
  });

  it('reports values that fail validation with the reason instead of dropping them', async () => {
    const document = page(`
      <a href="https://shop.example/i/5?iuv=2">future version</a>
      <a href="http://evil.example/i/6?iuv=1">plain http</a>
      <a href="openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1">offer</a>
      <a href="openid4vp://?client_id=x&request_uri=https%3A%2F%2Fv.example%2Fr">vp</a>`);
    const { findings } = await scanDocument({ document });
    const byValue = Object.fromEntries(findings.map((f) => [f.value, f.classification]));
    expect(byValue['https://shop.example/i/5?iuv=2']).toMatchObject({ kind: 'invalid-interaction-url', error: { name: 'NotSupportedError' } });
    expect(byValue['http://evil.example/i/6?iuv=1']).toMatchObject({ kind: 'invalid-interaction-url', error: { name: 'NotAllowedError' } });
    expect(findings.map((f) => f.classification.kind)).toEqual(
      expect.arrayContaining(['oid4vci-offer', 'oid4vp-request']),
    );
    expect(findings).toHaveLength(4);
  });

  it('finds URLs in visible text, trims punctuation, and skips script, style and hidden text', async () => {
    const document = page(`
      <p>Scan or open https://shop.example/interactions/7?iuv=1.</p>
      <p>Wrapped: (interaction:https://brand.example/i/8?iuv=1)</p>
      <p>Just a link https://shop.example/about and no interaction.</p>
      <script>const u = "https://shop.example/interactions/9?iuv=1";</script>
      <style>/* https://shop.example/interactions/10?iuv=1 */</style>
      <div hidden>https://shop.example/interactions/11?iuv=1</div>
      <div style="display:none"><span>https://shop.example/interactions/12?iuv=1</span></div>
      <div style="visibility:hidden">https://shop.example/interactions/13?iuv=1</div>`);
    const result = await scanDocument({ document });
    expect(kinds(result)).toEqual({
      'https://shop.example/interactions/7?iuv=1': 'text:interaction-url',
      'interaction:https://brand.example/i/8?iuv=1': 'text:interaction-url',
    });
    expect(result.findings[0].where.tag).toBe('p');
  });

  it('lists image candidates: sized <img>, <canvas>, inline <svg>; skips icons and svg text', async () => {
    const document = page(`
      <img src="/qr.png" width="200" height="200" alt="qr">
      <img src="/icon.png" width="16" height="16">
      <img src="/unsized.png">
      <canvas width="300" height="300"></canvas>
      <svg width="180" height="180"><text>https://shop.example/interactions/14?iuv=1</text></svg>`);
    const { images, findings } = await scanDocument({ document });
    expect(images.map((i) => [i.kind, i.src, i.width, i.height])).toEqual([
      ['img', 'https://shop.example/qr.png', 200, 200],
      ['img', 'https://shop.example/unsized.png', 0, 0],
      ['canvas', undefined, 300, 300],
      ['svg', undefined, 180, 180],
    ]);
    expect(images[2].element.tagName).toBe('CANVAS');
    expect(findings).toEqual([]);
  });

  it('scans a 10,000-node page in several time-sliced chunks and finds the one link', async () => {
    const document = page('');
    fillPage({ document, nodes: 10_000 });
    const a = document.createElement('a');
    a.href = 'https://shop.example/interactions/last?iuv=1';
    document.body.append(a);
    let yields = 0;
    const result = await scanDocument({ document, sliceMs: 8, yieldToHost: async () => { yields++; await new Promise((r) => setTimeout(r, 0)); } });
    expect(result.stats.nodes).toBeGreaterThanOrEqual(10_000);
    // wall-clock slice lengths are measured by bench/scan.bench.ts; here: the walk really yields
    expect(result.stats.slices).toBeGreaterThan(1);
    expect(result.stats.slices).toBe(yields + 1);
    expect(result.findings.map((f) => f.value)).toEqual(['https://shop.example/interactions/last?iuv=1']);
    // the cards' 24 px images are icons, not QR candidates
    expect(result.images).toEqual([]);
  });

  it('stops with AbortError when its signal is aborted between slices', async () => {
    const document = page('');
    fillPage({ document, nodes: 10_000 });
    const controller = new AbortController();
    const run = scanDocument({ document, sliceMs: 0.01, signal: controller.signal, yieldToHost: async () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects bad arguments with TypeError', () => {
    expect(() => scanDocument({ document: {} as Document })).toThrow(TypeError);
    expect(() => scanAddedNodes({ nodes: 5 as never })).toThrow(TypeError);
    expect(() => scanDocument({ document: globalThis.document ?? ({ createElement() {} } as never), sliceMs: 0 })).toThrow(TypeError);
  });
});

describe('scanAddedNodes', () => {
  it('scans only the added subtrees (and text nodes), once each', async () => {
    const document = page('<a href="https://shop.example/interactions/old?iuv=1">old</a>');
    const box = document.createElement('section');
    box.innerHTML = '<div><a href="https://shop.example/interactions/new?iuv=1">new</a></div>';
    document.body.append(box);
    const text = document.createTextNode('also interaction:https://brand.example/i/t?iuv=1 here');
    document.body.append(text);
    const detached = document.createElement('a');
    detached.setAttribute('href', 'https://shop.example/interactions/detached?iuv=1');
    const result = await scanAddedNodes({ nodes: [box, box.firstChild!, text, detached] });
    expect(result.findings.map((f) => f.value).sort()).toEqual([
      'https://shop.example/interactions/new?iuv=1',
      'interaction:https://brand.example/i/t?iuv=1',
    ].sort());
    expect(result.findings.find((f) => f.source === 'text')?.where.tag).toBe('body');
  });
});
