import { describe, expect, test } from 'vitest';
import { handleMessage } from './serve';
import { REPORT_LIMITS } from './scan-limits';

const context = { extensionId: 'abcdefghijklmnopabcdefghijklmnop', extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
const popup = { id: context.extensionId, url: `${context.extensionOrigin}/popup.html`, origin: context.extensionOrigin };
const page = { id: context.extensionId, url: 'https://shop.example/p/1', origin: 'https://shop.example', tab: { id: 7, url: 'https://shop.example/p/1' }, frameId: 0 };

const report = (data: unknown) => handleMessage({ type: 'reportScan', data, sender: page, context, handler: async (d) => d as never });

describe('reportScan (from a page scanner: untrusted)', () => {
  test('a well-formed report passes; URLs are normalised; data:image URLs are accepted', async () => {
    const parsed = await report({
      reset: true,
      findings: [{ source: 'link', value: 'https://shop.example/i/1?iuv=1', where: { tag: 'a' } }, { source: 'text', value: 'interaction:https://x.example/?iuv=1' }],
      images: [
        { kind: 'img', src: 'HTTPS://CDN.example/qr.png', width: 200, height: 200 },
        { kind: 'canvas', src: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 10 },
      ],
    });
    expect(parsed).toMatchObject({ reset: true, images: [{ src: 'https://cdn.example/qr.png' }, { kind: 'canvas' }] });
  });

  test.each([
    ['an oversize value', { findings: [{ source: 'link', value: 'x'.repeat(REPORT_LIMITS.valueLength + 1) }], images: [] }],
    ['an unknown source', { findings: [{ source: 'image', value: 'x' }], images: [] }],
    ['an unknown field (a claimed tab id)', { findings: [], images: [], tabId: 3 }],
    ['too many findings', { findings: Array.from({ length: REPORT_LIMITS.findings + 1 }, () => ({ source: 'link', value: 'x' })), images: [] }],
    ['a file: image', { findings: [], images: [{ kind: 'img', src: 'file:///etc/passwd', width: 1, height: 1 }] }],
    ['a javascript: image', { findings: [], images: [{ kind: 'img', src: 'javascript:alert(1)', width: 1, height: 1 }] }],
    ['an svg data URL (scripts inside)', { findings: [], images: [{ kind: 'svg', src: 'data:image/svg+xml;base64,PHN2Zz4=', width: 1, height: 1 }] }],
    ['an oversize data URL', { findings: [], images: [{ kind: 'canvas', src: `data:image/png;base64,${'A'.repeat(REPORT_LIMITS.dataUrlLength)}`, width: 1, height: 1 }] }],
    ['a negative size', { findings: [], images: [{ kind: 'img', src: 'https://a.example/q.png', width: -1, height: 1 }] }],
    ['not an object', 'hello'],
  ])('%s is a DataError', async (_, data) => {
    await expect(report(data)).rejects.toMatchObject({ name: 'DataError' });
  });
});

describe('the wallet-side scan messages', () => {
  test('a page cannot read what was found or capture the screen', async () => {
    for (const type of ['listFound', 'scanScreen'] as const) {
      let ran = false;
      const attempt = handleMessage({ type, data: { tabId: 7 }, sender: page, context, handler: async () => { ran = true; return {} as never; } });
      await expect(attempt).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(ran).toBe(false);
    }
  });

  test('the popup can, with a valid tab id', async () => {
    await expect(handleMessage({ type: 'listFound', data: { tabId: 7 }, sender: popup, context, handler: async ({ tabId }) => ({ tabId }) as never }))
      .resolves.toEqual({ tabId: 7 });
    await expect(handleMessage({ type: 'listFound', data: { tabId: -1 }, sender: popup, context, handler: async () => ({}) as never }))
      .rejects.toMatchObject({ name: 'DataError' });
  });
});
