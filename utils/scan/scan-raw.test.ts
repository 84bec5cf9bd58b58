import { afterEach, describe, expect, it } from 'vitest';
import { classifyFound, scanDocumentRaw, watchDocumentRaw, type ScanResult, type RawFinding } from './index';
import { createPage } from './testing/page';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

describe('raw scanning (content-script entry)', () => {
  it('finds the same values without classifying them; classifyFound adds the classification', async () => {
    const { document, close } = createPage({ html: '<a href="/interactions/1?iuv=1">go</a><p>https://shop.example/i/2?iuv=3</p>' });
    cleanup = close;
    const { findings } = await scanDocumentRaw({ document });
    expect(findings).toEqual([
      { source: 'link', value: 'https://shop.example/interactions/1?iuv=1', where: { tag: 'a', attribute: 'href' } },
      { source: 'text', value: 'https://shop.example/i/2?iuv=3', where: { tag: 'p' } },
    ]);
    expect(findings.some((f) => 'classification' in f)).toBe(false);
    expect(findings.map((f) => classifyFound(f).classification.kind)).toEqual(['interaction-url', 'invalid-interaction-url']);
  });

  it('watches mutations like watchDocument', async () => {
    const { document, close } = createPage();
    const results: ScanResult<RawFinding>[] = [];
    const watch = watchDocumentRaw({ document, onResult: (r) => results.push(r), debounceMs: 5 });
    cleanup = async () => { watch.stop(); await close(); };
    await watch.ready;
    document.body.insertAdjacentHTML('beforeend', '<a href="web+interaction:https://b.example/i?iuv=1">x</a>');
    await expect.poll(() => results.flatMap((r) => r.findings.map((f) => f.value))).toEqual(['web+interaction:https://b.example/i?iuv=1']);
  });
});

describe('classifyFound', () => {
  it('classifies decoded QR texts and refuses bad arguments', () => {
    const found = classifyFound({ source: 'image', value: 'https://example.com/p/1', where: { image: 'screenshot' } });
    expect(found.classification).toMatchObject({ kind: 'url', origin: 'https://example.com' });
    expect(classifyFound({ source: 'image', value: 'hello' }).classification.kind).toBe('text');
    expect(() => classifyFound({ source: 'page' as never, value: 'x' })).toThrow(TypeError);
    expect(() => classifyFound({ source: 'text', value: 5 as never })).toThrow(TypeError);
  });
});
