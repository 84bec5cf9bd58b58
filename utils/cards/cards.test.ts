import { describe, expect, it } from 'vitest';
import { base58btcEncode } from '../crypto/base58';
import { cardFacts, digestMultibaseOf, fillTemplate, matchesDigestMultibase, readPointer, renderCard, renderPlans, type LoadTemplate } from './index';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="180"><text x="10" y="30">{{/credentialSubject/name}}</text><text y="60">{{ issuer.name }}</text></svg>';
const credential = (renderMethod?: unknown) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'ProductAuthenticityCredential'],
  name: 'Product authenticity',
  issuer: { id: 'did:key:z6MkBrand', name: 'Maison <Brand>', image: 'data:image/png;base64,iVBORw0KGgo=' },
  credentialSubject: { id: 'did:key:z6MkHolder', name: 'Walnut & "oak" chair', owns: { type: 'Product', sku: 'HB-2026-0042', name: 'Handbag' } },
  validFrom: '2026-01-01T00:00:00Z',
  ...(renderMethod ? { renderMethod } : {}),
});
const bytes = (text: string) => new TextEncoder().encode(text);
const loaderOf = (templates: Record<string, string>): LoadTemplate => async ({ url }) => {
  if (!(url in templates)) throw new Error(`${url} could not be fetched.`);
  return templates[url];
};

describe('fillTemplate', () => {
  it('fills JSON-pointer and dotted placeholders, escaping every value', () => {
    const out = fillTemplate({ template: SVG, credential: credential() });
    expect(out).toContain('Walnut &amp; &quot;oak&quot; chair');
    expect(out).toContain('Maison &lt;Brand&gt;');
    expect(out).not.toContain('{{');
  });

  it('leaves missing values empty and reads only renderProperty pointers when given', () => {
    expect(fillTemplate({ template: '[{{/nope/x}}]', credential: credential() })).toBe('[]');
    const limited = fillTemplate({ template: '{{/credentialSubject/name}}|{{/issuer/name}}', credential: credential(), renderProperty: ['/issuer'] });
    expect(limited).toBe('|Maison &lt;Brand&gt;');
  });

  it('refuses sections and helpers instead of half-running them', () => {
    expect(() => fillTemplate({ template: '{{#each items}}x{{/each}}', credential: credential() })).toThrow(/only value placeholders/);
    expect(() => fillTemplate({ template: '{{> partial}}', credential: credential() })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });

  it('reads RFC 6901 pointers with escapes and array indices', () => {
    expect(readPointer({ document: { 'a/b': [{ '~c': 1 }] }, pointer: '/a~1b/0/~0c' })).toBe(1);
    expect(readPointer({ document: { a: [1] }, pointer: '/a/01' })).toBeUndefined();
  });
});

describe('digestMultibase', () => {
  it('matches u (base64url) and z (base58btc) sha2-256 multihashes, and not a changed template', async () => {
    const u = await digestMultibaseOf({ bytes: bytes(SVG) });
    expect(u.startsWith('uEi')).toBe(true);
    expect(await matchesDigestMultibase({ bytes: bytes(SVG), digestMultibase: u })).toBe(true);
    expect(await matchesDigestMultibase({ bytes: bytes(`${SVG} `), digestMultibase: u })).toBe(false);
    const b64 = u.slice(1).replace(/-/g, '+').replace(/_/g, '/');
    const multihash = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    expect(multihash.length).toBe(34);
    expect(await matchesDigestMultibase({ bytes: bytes(SVG), digestMultibase: `z${base58btcEncode({ bytes: multihash })}` })).toBe(true);
    await expect(matchesDigestMultibase({ bytes: bytes(SVG), digestMultibase: 'mAAAA' })).rejects.toMatchObject({ name: 'NotSupportedError' });
  });
});

describe('renderPlans', () => {
  it('reads the three render method types and prefers SVG', () => {
    const plans = renderPlans({
      credential: credential([
        { type: 'RenderTemplate2024', mediaType: 'text/html', template: '<p>{{credentialSubject.name}}</p>' },
        { type: 'SvgRenderingTemplate2023', id: 'https://issuer.example/card.svg', digestMultibase: 'uEiAx' },
        { type: 'TemplateRenderMethod', renderSuite: 'svg-mustache', template: { id: 'https://issuer.example/t.svg', mediaType: 'image/svg+xml', renderProperty: ['/issuer'] } },
        { type: 'TemplateRenderMethod', renderSuite: 'pdf-mustache', template: 'https://issuer.example/t.pdf' },
        { type: 'OtherRenderMethod' },
      ]),
    });
    expect(plans.map((p) => [p.type, p.format, p.url ?? 'inline'])).toEqual([
      ['SvgRenderingTemplate2023', 'svg', 'https://issuer.example/card.svg'],
      ['TemplateRenderMethod', 'svg', 'https://issuer.example/t.svg'],
      ['RenderTemplate2024', 'html', 'inline'],
    ]);
    expect(plans[1].renderProperty).toEqual(['/issuer']);
    const data = renderPlans({ credential: credential({ type: 'TemplateRenderMethod', renderSuite: 'svg-mustache', template: `data:image/svg+xml;base64,${btoa(SVG)}` }) });
    expect(data[0]).toMatchObject({ format: 'svg', inline: SVG });
  });
});

describe('renderCard', () => {
  it('draws an SVG template as an inert image data URL when its digest matches', async () => {
    const url = 'https://issuer.example/card.svg';
    const card = await renderCard({
      credential: credential({ type: 'SvgRenderingTemplate2023', id: url, digestMultibase: await digestMultibaseOf({ bytes: bytes(SVG) }) }),
      loadTemplate: loaderOf({ [url]: SVG }),
    });
    expect(card.renderType).toBe('SvgRenderingTemplate2023');
    expect(card.rendered?.format).toBe('svg');
    const svg = atob((card.rendered as { dataUrl: string }).dataUrl.split(',')[1]);
    expect(svg).toContain('Walnut &amp; &quot;oak&quot; chair');
    expect(card.fallback).toBeUndefined();
  });

  it('falls back to the plain card and says why: digest mismatch, unreachable, unsupported', async () => {
    const url = 'https://issuer.example/card.svg';
    const mismatch = await renderCard({
      credential: credential({ type: 'SvgRenderingTemplate2023', id: url, digestMultibase: await digestMultibaseOf({ bytes: bytes('other') }) }),
      loadTemplate: loaderOf({ [url]: SVG }),
    });
    expect(mismatch.rendered).toBeUndefined();
    expect(mismatch.fallback).toMatch(/does not match the digest/);
    expect(mismatch.facts.title).toBe('Product authenticity');
    const unreachable = await renderCard({ credential: credential({ type: 'SvgRenderingTemplate2023', id: url }), loadTemplate: loaderOf({}) });
    expect(unreachable.fallback).toMatch(/could not be fetched/);
    const unsupported = await renderCard({ credential: credential({ type: 'OtherRenderMethod' }), loadTemplate: loaderOf({}) });
    expect(unsupported.fallback).toMatch(/does not draw/);
    expect((await renderCard({ credential: credential(), loadTemplate: loaderOf({}) })).fallback).toBeUndefined();
  });

  it('puts HTML templates under a no-network CSP for a sandboxed frame', async () => {
    const card = await renderCard({
      credential: credential({ type: 'RenderTemplate2024', mediaType: 'text/html', template: '<h1>{{credentialSubject.owns.sku}}</h1><img src="https://tracker.example/x.png">' }),
      loadTemplate: loaderOf({}),
    });
    expect(card.rendered?.format).toBe('html');
    const srcdoc = (card.rendered as { srcdoc: string }).srcdoc;
    expect(srcdoc.startsWith(`<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:`)).toBe(true);
    expect(srcdoc).toContain('<h1>HB-2026-0042</h1>');
  });
});

describe('cardFacts', () => {
  it('title, the issuer\'s own name and image (data: only), the subject\'s key facts', () => {
    const facts = cardFacts({ credential: credential() });
    expect(facts.title).toBe('Product authenticity');
    expect(facts.issuer).toEqual({ id: 'did:key:z6MkBrand', name: 'Maison <Brand>', image: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(facts.facts).toEqual([
      { label: 'Name', value: 'Walnut & "oak" chair' },
      { label: 'Owns', value: 'Handbag' },
      { label: 'SKU', value: 'HB-2026-0042' },
    ]);
    const remote = cardFacts({ credential: { ...credential(), issuer: { id: 'did:x', image: 'https://tracker.example/logo.png' } } });
    expect(remote.issuer.image).toBeUndefined();
  });

  it('Open Badges 3.0: the achievement\'s name, image and criteria', () => {
    const facts = cardFacts({
      credential: {
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: 'did:key:z6MkSchool', type: 'Profile', name: 'Example School' },
        credentialSubject: {
          type: 'AchievementSubject',
          achievement: {
            type: 'Achievement',
            name: 'Leather care',
            description: 'Cares for leather goods.',
            criteria: { narrative: 'Completed the 3-hour workshop.' },
            image: { id: 'data:image/svg+xml;base64,PHN2Zy8+', type: 'Image' },
          },
        },
      },
    });
    expect(facts.title).toBe('Leather care');
    expect(facts.achievement).toEqual({ name: 'Leather care', description: 'Cares for leather goods.', criteria: 'Completed the 3-hour workshop.', image: 'data:image/svg+xml;base64,PHN2Zy8+' });
  });
});
