import { describe, expect, test } from 'vitest';
import { classifyFound } from '../../scan/classify-found';
import { createFoundTabs, MAX_ITEMS_PER_TAB, type KeyValueStorage } from './found-tabs';

function memoryStorage(): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    remove: async (key) => void data.delete(key),
  };
}

const link = (value: string) => classifyFound({ source: 'link', value });
const qr = (value: string) => classifyFound({ source: 'image', value });

describe('found tabs', () => {
  test('a link and a QR code with the same interaction URL are one item with two sources; only interactions are counted', async () => {
    const found = createFoundTabs({ storage: memoryStorage() });
    await found.reset({ tabId: 1, pageUrl: 'https://shop.example/bag' });
    await found.add({ tabId: 1, findings: [link('https://shop.example/i/1?iuv=1')] });
    const { list, added } = await found.add({
      tabId: 1,
      findings: [qr('https://shop.example/i/1?iuv=1'), qr('https://shop.example/about'), qr('https://shop.example/i/2?iuv=9')],
      image: 'https://cdn.example/qr.png',
    });
    expect(added).toHaveLength(3);
    expect(list.pageOrigin).toBe('https://shop.example');
    expect(list.items.map((i) => [i.classification.kind, i.sources])).toEqual([
      ['interaction-url', ['link', 'image']],
      ['url', ['image']],
      ['invalid-interaction-url', ['image']],
    ]);
    expect(list.items[0].image).toBe('https://cdn.example/qr.png');
    expect(list.interactions).toBe(1);
  });

  test('the same finding again changes nothing', async () => {
    const storage = memoryStorage();
    const found = createFoundTabs({ storage });
    await found.add({ tabId: 2, findings: [link('https://a.example/?iuv=1')] });
    const before = JSON.stringify(storage.data.get('scan:tab:2'));
    const { added } = await found.add({ tabId: 2, findings: [link('https://a.example/?iuv=1')] });
    expect(added).toEqual([]);
    expect(JSON.stringify(storage.data.get('scan:tab:2'))).toBe(before);
  });

  test('reset forgets the old page; tabs are separate; remove deletes the mirror', async () => {
    const storage = memoryStorage();
    const found = createFoundTabs({ storage });
    await found.add({ tabId: 3, findings: [link('https://a.example/?iuv=1')] });
    await found.add({ tabId: 4, findings: [link('https://b.example/?iuv=1')] });
    await found.reset({ tabId: 3, pageUrl: 'https://c.example/' });
    expect((await found.get({ tabId: 3 })).items).toEqual([]);
    expect((await found.get({ tabId: 4 })).items).toHaveLength(1);
    await found.remove({ tabId: 4 });
    expect(storage.data.has('scan:tab:4')).toBe(false);
  });

  test('a restarted worker reads the list back from storage', async () => {
    const storage = memoryStorage();
    await createFoundTabs({ storage }).add({ tabId: 5, findings: [link('https://a.example/?iuv=1')] });
    const again = createFoundTabs({ storage });
    expect((await again.get({ tabId: 5 })).interactions).toBe(1);
    // a mirror of the wrong shape is ignored, not trusted
    storage.data.set('scan:tab:6', { tabId: 99, items: 'x' });
    expect((await again.get({ tabId: 6 })).items).toEqual([]);
  });

  test('concurrent reports never lose each other\'s items, and a tab holds at most MAX_ITEMS_PER_TAB', async () => {
    const found = createFoundTabs({ storage: memoryStorage() });
    await Promise.all(Array.from({ length: MAX_ITEMS_PER_TAB + 20 }, (_, i) => found.add({ tabId: 7, findings: [link(`https://a.example/${i}?iuv=1`)] })));
    const list = await found.get({ tabId: 7 });
    expect(list.items).toHaveLength(MAX_ITEMS_PER_TAB);
    expect(list.interactions).toBe(MAX_ITEMS_PER_TAB);
  });

  test('images: recorded once per source, updated in place, bounded', async () => {
    const found = createFoundTabs({ storage: memoryStorage() });
    expect(await found.addImage({ tabId: 8, image: { src: 'https://a/q.png', status: 'no-qr', codes: 0 } })).toBe(true);
    await found.addImage({ tabId: 8, image: { src: 'https://a/q.png', status: 'decoded', codes: 1 } });
    expect(await found.hasImage({ tabId: 8, src: 'https://a/q.png' })).toBe(true);
    expect((await found.get({ tabId: 8 })).images).toEqual([{ src: 'https://a/q.png', status: 'decoded', codes: 1 }]);
  });

  test('every stored change is announced with its tab (the popup follows these, not storage); a repeat is not', async () => {
    const changed: number[] = [];
    const found = createFoundTabs({ storage: memoryStorage(), onChange: ({ tabId }) => changed.push(tabId) });
    await found.reset({ tabId: 3, pageUrl: 'https://shop.example/' });
    await found.add({ tabId: 3, findings: [link('https://shop.example/i/1?iuv=1')] });
    await found.add({ tabId: 3, findings: [link('https://shop.example/i/1?iuv=1')] });
    await found.addImage({ tabId: 4, image: { src: 'https://a/q.png', status: 'no-qr', codes: 0 } });
    await found.get({ tabId: 3 });
    await found.remove({ tabId: 3 });
    expect(changed).toEqual([3, 3, 4, 3]);
  });

  test('bad arguments', () => {
    expect(() => createFoundTabs({ storage: undefined as never })).toThrow(TypeError);
  });
});
