// Templates and images for cards, fetched from a real local server: no cookies, cached only when
// the digest matches, wrong types refused, remote logos turned into data: URLs, nothing fetched
// for a credential that did not verify.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { digestMultibaseOf } from '../cards';
import { cardFor, createTemplateLoader } from './card-templates';
import { createTestContext } from './testing';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>{{/credentialSubject/name}}</text></svg>';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let server: Server;
let base: string;
const requests: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req);
    if (req.url === '/card.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG);
    else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>x</p>');
    else if (req.url === '/logo.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const fetched = (path: string) => requests.filter((r) => r.url === path).length;

describe('card templates', () => {
  it('fetches without cookies and caches a template whose digest matches', async () => {
    const t = createTestContext();
    const load = createTemplateLoader({ ctx: t.ctx });
    const digestMultibase = await digestMultibaseOf({ bytes: new TextEncoder().encode(SVG) });
    const before = fetched('/card.svg');
    expect(await load({ url: `${base}/card.svg`, format: 'svg', digestMultibase })).toBe(SVG);
    expect(await load({ url: `${base}/card.svg`, format: 'svg', digestMultibase })).toBe(SVG);
    expect(fetched('/card.svg') - before).toBe(1);
    expect(requests.every((r) => r.headers.cookie === undefined && r.headers.referer === undefined)).toBe(true);
    expect((await (await t.ctx.db).renderTemplates.get({ url: `${base}/card.svg` }))?.body).toBe(SVG);
  });

  it('does not cache a template that does not match its digest, and refuses other types and URLs', async () => {
    const t = createTestContext();
    const load = createTemplateLoader({ ctx: t.ctx });
    const wrong = await digestMultibaseOf({ bytes: new TextEncoder().encode('other') });
    await load({ url: `${base}/card.svg`, format: 'svg', digestMultibase: wrong });
    expect(await (await t.ctx.db).renderTemplates.get({ url: `${base}/card.svg` })).toBeUndefined();
    await expect(load({ url: `${base}/page.html`, format: 'svg' })).rejects.toMatchObject({ name: 'DataError' });
    await expect(load({ url: `${base}/missing.svg`, format: 'svg' })).rejects.toMatchObject({ name: 'NetworkError' });
    await expect(load({ url: 'http://issuer.example/card.svg', format: 'svg' })).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('turns a remote issuer logo into a data: URL; fetches nothing for a credential that did not verify', async () => {
    const t = createTestContext();
    const credential = {
      type: ['VerifiableCredential'],
      issuer: { id: 'did:key:z6MkBrand', name: 'Maison Demo', image: `${base}/logo.png` },
      credentialSubject: { name: 'Chair' },
      renderMethod: { type: 'SvgRenderingTemplate2023', id: `${base}/card.svg` },
    };
    const card = await cardFor({ ctx: t.ctx, credential });
    expect(card.facts.issuer.image).toMatch(/^data:image\/png;base64,/);
    expect(card.rendered?.format).toBe('svg');
    const before = requests.length;
    const unverified = await cardFor({ ctx: createTestContext().ctx, credential, fetchTemplates: false });
    expect(requests.length).toBe(before);
    expect(unverified.rendered).toBeUndefined();
    expect(unverified.fallback).toMatch(/did not verify/);
    expect(unverified.facts.issuer.image).toBeUndefined();
  });
});
