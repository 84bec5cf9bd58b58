import { describe, expect, test } from 'vitest';
import type { ExchangeView, StartExchangeData } from '../../messaging/exchange';
import { classifyFound } from '../../scan/classify-found';
import { handleMenuClick, MENU_IMAGE, MENU_LINK } from './context-menu';
import { createFoundTabs, type KeyValueStorage } from './found-tabs';

function setup() {
  const data = new Map<string, unknown>();
  const storage: KeyValueStorage = { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v), remove: async (k) => void data.delete(k) };
  const found = createFoundTabs({ storage });
  const started: StartExchangeData[] = [];
  const startExchange = async (d: StartExchangeData) => {
    started.push(d);
    return { id: 'x1', interactionUrl: d.url } as ExchangeView;
  };
  // a link click decodes nothing: an image decoder that fails the test if it is asked
  const noDecode = async (): Promise<never> => {
    throw new Error('a link click must not decode an image');
  };
  return { found, started, startExchange, noDecode };
}

describe('Open with wallet', () => {
  test('a link holding an interaction URL starts it, with the tab\'s origin (from the browser) and source page', async () => {
    const { found, started, startExchange, noDecode } = setup();
    const outcome = await handleMenuClick({
      info: { menuItemId: MENU_LINK, linkUrl: 'https://shop.example/i/1?iuv=1' }, tabId: 4, tabUrl: 'https://blog.example/post', found, startExchange, decode: noDecode,
    });
    expect(outcome.kind).toBe('started');
    expect(started).toEqual([{ url: 'https://shop.example/i/1?iuv=1', source: 'page', pageOrigin: 'https://blog.example' }]);
    expect((await found.get({ tabId: 4 })).items[0].sources).toEqual(['menu']);
  });

  test('a plain link is shown for what it is, nothing started', async () => {
    const { found, started, startExchange, noDecode } = setup();
    const outcome = await handleMenuClick({ info: { menuItemId: MENU_LINK, linkUrl: 'https://shop.example/about' }, tabId: 4, found, startExchange, decode: noDecode });
    expect(outcome).toMatchObject({ kind: 'shown', findings: [{ classification: { kind: 'url' } }] });
    expect(started).toEqual([]);
    expect((await found.get({ tabId: 4 })).items).toHaveLength(1);
  });

  test('an image with one interaction QR starts it as source qr; two are shown for the user to choose', async () => {
    const { found, started, startExchange } = setup();
    const one = async () => [classifyFound({ source: 'image', value: 'https://shop.example/i/2?iuv=1' })];
    expect((await handleMenuClick({ info: { menuItemId: MENU_IMAGE, srcUrl: 'https://cdn.example/q.png' }, tabId: 5, found, startExchange, decode: one })).kind).toBe('started');
    expect(started[0]).toMatchObject({ source: 'qr' });
    const two = async () => [classifyFound({ source: 'image', value: 'https://a.example/?iuv=1' }), classifyFound({ source: 'image', value: 'https://b.example/?iuv=1' })];
    expect((await handleMenuClick({ info: { menuItemId: MENU_IMAGE, srcUrl: 'https://cdn.example/r.png' }, tabId: 5, found, startExchange, decode: two })).kind).toBe('shown');
    expect(started).toHaveLength(1);
    expect((await found.get({ tabId: 5 })).interactions).toBe(3);
  });

  test('an image without a QR code says so; a failing fetch says why; both are recorded for the popup', async () => {
    const { found, started, startExchange } = setup();
    const none = await handleMenuClick({ info: { menuItemId: MENU_IMAGE, srcUrl: 'https://cdn.example/cat.jpg' }, tabId: 6, found, startExchange, decode: async () => [] });
    expect(none).toMatchObject({ kind: 'shown', error: { name: 'NotFoundError', message: 'There is no QR code in this image.' } });
    const failing = async () => {
      throw Object.assign(new Error('The image server answered 404.'), { name: 'OperationError' });
    };
    const broken = await handleMenuClick({ info: { menuItemId: MENU_IMAGE, srcUrl: 'https://cdn.example/gone.png' }, tabId: 6, found, startExchange, decode: failing });
    expect(broken).toMatchObject({ kind: 'shown', error: { name: 'OperationError' } });
    expect((await found.get({ tabId: 6 })).images.map((i) => i.status)).toEqual(['no-qr', 'failed']);
    expect(started).toEqual([]);
  });
});
