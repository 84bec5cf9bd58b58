// What was found on each tab: distinct values (classified), the images looked at, the page
// they belong to. Kept in memory and mirrored to a small key-value storage (the extension's
// storage.session) so a restarted service worker still knows. Bounded per tab.
import type { FoundItem, FoundList, FoundSource, ImageScanView } from '../../messaging/scan';
import type { Finding } from '../../scan/types';
import { findingKey } from '../../scan/finding-key';
import { KeyedQueue } from '../../keyed-queue';

export const MAX_ITEMS_PER_TAB = 100;
export const MAX_IMAGES_PER_TAB = 60;

export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface FoundTabs {
  get(options: { tabId: number }): Promise<FoundList>;
  /** a new document in the tab: forget the old page's findings */
  reset(options: { tabId: number; pageUrl?: string }): Promise<FoundList>;
  /** merge classified findings; returns the items that are new or gained a source */
  add(options: { tabId: number; findings: Finding[]; source?: FoundSource; image?: string }): Promise<{ list: FoundList; added: FoundItem[] }>;
  /** record one image's outcome (false when the tab already has too many) */
  addImage(options: { tabId: number; image: ImageScanView }): Promise<boolean>;
  hasImage(options: { tabId: number; src: string }): Promise<boolean>;
  remove(options: { tabId: number }): Promise<void>;
}

const storageKey = (tabId: number) => `scan:tab:${tabId}`;

export function countInteractions(items: FoundItem[]): number {
  return items.filter((item) => item.classification.kind === 'interaction-url').length;
}

/** `onChange`: called with the tab id after each stored change (the background broadcasts it). */
export function createFoundTabs({ storage, now = () => new Date(), onChange }: {
  storage: KeyValueStorage;
  now?: () => Date;
  onChange?: (options: { tabId: number }) => void;
}): FoundTabs {
  if (!storage || typeof storage.get !== 'function') throw new TypeError('"storage" must be a key-value storage.');
  const cache = new Map<number, FoundList>();
  // one change at a time per tab, so concurrent reports never lose each other's items
  const queue = new KeyedQueue<number>();
  const serial = <T>(tabId: number, task: () => Promise<T>): Promise<T> => queue.run({ key: tabId, task });

  async function load(tabId: number): Promise<FoundList> {
    const cached = cache.get(tabId);
    if (cached) return cached;
    const stored = await storage.get(storageKey(tabId));
    const list = isFoundList(stored, tabId) ? stored : empty(tabId);
    cache.set(tabId, list);
    return list;
  }

  async function save(list: FoundList) {
    list.interactions = countInteractions(list.items);
    cache.set(list.tabId, list);
    await storage.set(storageKey(list.tabId), list);
    onChange?.({ tabId: list.tabId });
  }

  return {
    get: ({ tabId }) => serial(tabId, async () => structuredClone(await load(tabId))),
    reset: ({ tabId, pageUrl }) =>
      serial(tabId, async () => {
        const list = empty(tabId);
        if (pageUrl) {
          list.pageUrl = pageUrl;
          try {
            list.pageOrigin = new URL(pageUrl).origin;
          } catch { /* not a URL: no origin */ }
        }
        await save(list);
        return structuredClone(list);
      }),
    add: ({ tabId, findings, source, image }) =>
      serial(tabId, async () => {
        const list = await load(tabId);
        const added: FoundItem[] = [];
        for (const finding of findings) {
          const key = findingKey(finding);
          const how: FoundSource = source ?? finding.source;
          const known = list.items.find((item) => item.key === key);
          if (known) {
            if (!known.sources.includes(how)) {
              known.sources.push(how);
              if (image && !known.image) known.image = image;
              added.push(known);
            }
            continue;
          }
          if (list.items.length >= MAX_ITEMS_PER_TAB) continue;
          const item: FoundItem = {
            key, value: finding.value, classification: finding.classification, sources: [how], foundAt: now().toISOString(),
          };
          if (image) item.image = image;
          list.items.push(item);
          added.push(item);
        }
        if (added.length) await save(list);
        return { list: structuredClone(list), added: structuredClone(added) };
      }),
    addImage: ({ tabId, image }) =>
      serial(tabId, async () => {
        const list = await load(tabId);
        const index = list.images.findIndex((i) => i.src === image.src);
        if (index >= 0) list.images[index] = image;
        else if (list.images.length >= MAX_IMAGES_PER_TAB) return false;
        else list.images.push(image);
        await save(list);
        return true;
      }),
    hasImage: ({ tabId, src }) => serial(tabId, async () => (await load(tabId)).images.some((i) => i.src === src)),
    remove: ({ tabId }) =>
      serial(tabId, async () => {
        cache.delete(tabId);
        await storage.remove(storageKey(tabId));
        onChange?.({ tabId });
      }),
  };
}

function empty(tabId: number): FoundList {
  return { tabId, items: [], images: [], interactions: 0 };
}

function isFoundList(value: unknown, tabId: number): value is FoundList {
  const v = value as FoundList | undefined;
  return !!v && typeof v === 'object' && v.tabId === tabId && Array.isArray(v.items) && Array.isArray(v.images);
}
