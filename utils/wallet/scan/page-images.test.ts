import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFoundTabs, MAX_IMAGES_PER_TAB, type KeyValueStorage } from './found-tabs';
import { createPageImages } from './page-images';

// The decoder needs createImageBitmap (browsers only): here the "image" bytes are the QR text.
const decode = async ({ blob }: { blob: Blob }) => {
  const text = await blob.text();
  return { codes: text === 'none' ? [] : [{ text, bounds: { x: 0, y: 0, width: 1, height: 1 }, inverted: false, via: 'finders' as const }] };
};

let server: Server;
let base: string;
let requests = 0;
let release: (() => void) | undefined;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname.slice(1));
    const answer = () => res.writeHead(200, { 'content-type': 'image/png' }).end(path.replace(/^slow\//, ''));
    if (path.startsWith('slow/')) release = answer;
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function setup() {
  const data = new Map<string, unknown>();
  const storage: KeyValueStorage = { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v), remove: async (k) => void data.delete(k) };
  const found = createFoundTabs({ storage });
  const changes: number[] = [];
  const images = createPageImages({ found, decode, onChange: ({ tabId }) => changes.push(tabId) });
  return { found, images, changes };
}
const img = (path: string) => ({ kind: 'img' as const, src: `${base}/${encodeURIComponent(path)}`, width: 100, height: 100 });

describe('page images', () => {
  test('each image is fetched and decoded once; its codes are classified into the tab; no-QR images are recorded', async () => {
    const { found, images, changes } = setup();
    const before = requests;
    images.enqueue({ tabId: 1, images: [img('https://shop.example/i/1?iuv=1'), img('none'), img('https://shop.example/i/1?iuv=1')] });
    images.enqueue({ tabId: 1, images: [img('none')] });
    await images.idle({ tabId: 1 });
    expect(requests - before).toBe(2);
    const list = await found.get({ tabId: 1 });
    expect(list.items.map((i) => [i.classification.kind, i.sources])).toEqual([['interaction-url', ['image']]]);
    expect(list.images.map((i) => i.status)).toEqual(['decoded', 'no-qr']);
    expect(changes).toEqual([1, 1]);
  });

  test('a page that reports images forever gets at most MAX_IMAGES_PER_TAB decoded', async () => {
    const { found, images } = setup();
    const before = requests;
    for (let i = 0; i < 3; i++) {
      images.enqueue({ tabId: 2, images: Array.from({ length: 40 }, (_, j) => img(`none-${i}-${j}`)) });
    }
    await images.idle({ tabId: 2 });
    expect(requests - before).toBe(MAX_IMAGES_PER_TAB);
    expect((await found.get({ tabId: 2 })).images).toHaveLength(MAX_IMAGES_PER_TAB);
  });

  test('a new document while an image is in flight: the old page\'s result is dropped', async () => {
    const { found, images } = setup();
    images.enqueue({ tabId: 3, images: [img('slow/https://old.example/?iuv=1')] });
    await expect.poll(() => release).toBeTypeOf('function');
    images.forget({ tabId: 3 });
    await found.reset({ tabId: 3, pageUrl: 'https://new.example/' });
    release!();
    await images.idle({ tabId: 3 });
    const list = await found.get({ tabId: 3 });
    expect(list.items).toEqual([]);
    expect(list.images).toEqual([]);
  });

  test('a failing fetch is recorded with its reason', async () => {
    const { found, images } = setup();
    images.enqueue({ tabId: 4, images: [{ kind: 'img', src: 'http://127.0.0.1:1/nothing.png', width: 100, height: 100 }] });
    await images.idle({ tabId: 4 });
    expect((await found.get({ tabId: 4 })).images).toMatchObject([{ status: 'failed', error: { name: 'OperationError' } }]);
  });
});
