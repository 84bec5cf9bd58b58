import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { createBrowserApprovalWindows } from './approval-windows';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

test('a window per approval; closing it reports which approval it asked (the map survives in storage.session)', async () => {
  const windows = createBrowserApprovalWindows();
  const closed: unknown[] = [];
  windows.onClosed((o) => closed.push(o));
  await windows.show({ approvalId: 'x1.2.present', exchangeId: 'x1' });
  const created = (await browser.windows.getAll()).filter((w) => w.type === 'popup');
  expect(created).toHaveLength(1);
  const stored = await browser.storage.session.get('approvalWindows');
  expect(Object.values(stored.approvalWindows as object)).toEqual([{ approvalId: 'x1.2.present', exchangeId: 'x1', key: 'x1' }]);

  await browser.windows.remove(created[0].id!);
  await expect.poll(() => closed).toEqual([{ approvalId: 'x1.2.present', exchangeId: 'x1' }]);
  expect((await browser.storage.session.get('approvalWindows')).approvalWindows).toEqual({});
});

test('re-showing after a restart (focus: false) never pops up a window', async () => {
  const windows = createBrowserApprovalWindows();
  await windows.show({ approvalId: 'x2.2.present', exchangeId: 'x2', focus: false });
  expect((await browser.windows.getAll()).filter((w) => w.type === 'popup')).toHaveLength(0);
});

test('a window closed that never showed an approval changes nothing', async () => {
  const windows = createBrowserApprovalWindows();
  const closed: unknown[] = [];
  windows.onClosed((o) => closed.push(o));
  const other = await browser.windows.create({ type: 'normal' });
  await browser.windows.remove(other!.id!);
  // then one that did: only that one is reported
  await windows.show({ approvalId: 'x3.2.present', exchangeId: 'x3' });
  const popup = (await browser.windows.getAll()).find((w) => w.type === 'popup')!;
  await browser.windows.remove(popup.id!);
  await expect.poll(() => closed.length).toBe(1);
  expect(closed).toEqual([{ approvalId: 'x3.2.present', exchangeId: 'x3' }]);
});

test('windows opening while others close: every close is reported, no entry is lost', async () => {
  const windows = createBrowserApprovalWindows();
  const closed: { approvalId: string }[] = [];
  windows.onClosed((o) => closed.push(o));
  await Promise.all([1, 2, 3].map((n) => windows.show({ approvalId: `a${n}.present`, exchangeId: `a${n}` })));
  const first = (await browser.windows.getAll()).filter((w) => w.type === 'popup');
  expect(first).toHaveLength(3);
  // close the first three while three more open, all at once
  await Promise.all([
    ...first.map((w) => browser.windows.remove(w.id!)),
    ...[4, 5, 6].map((n) => windows.show({ approvalId: `a${n}.present`, exchangeId: `a${n}` })),
  ]);
  await expect.poll(() => closed.map((c) => c.approvalId).sort()).toEqual(['a1.present', 'a2.present', 'a3.present']);
  const stored = (await browser.storage.session.get('approvalWindows')).approvalWindows as Record<string, { approvalId: string }>;
  expect(Object.values(stored).map((e) => e.approvalId).sort()).toEqual(['a4.present', 'a5.present', 'a6.present']);
  for (const w of (await browser.windows.getAll()).filter((w) => w.type === 'popup')) await browser.windows.remove(w.id!);
  await expect.poll(() => closed.length).toBe(6);
});

test('one window per key steps through its approvals (a CHAPI request, then the exchange it started); close() is not a "no"', async () => {
  // the fake browser opens windows without their tab: give each new window its page, as Chromium does
  const create = fakeBrowser.windows.create.bind(fakeBrowser.windows);
  vi.spyOn(fakeBrowser.windows, 'create').mockImplementation(async (data) => {
    const window = await create(data);
    await fakeBrowser.tabs.create({ windowId: window.id, url: Array.isArray(data?.url) ? data.url[0] : data?.url });
    return window;
  });
  const windows = createBrowserApprovalWindows();
  const closed: unknown[] = [];
  windows.onClosed((o) => closed.push(o));
  await windows.show({ approvalId: 'chapi-r1.present', exchangeId: 'chapi-r1' });
  await windows.show({ approvalId: 'ex1.1.present', exchangeId: 'ex1', windowKey: 'chapi-r1' });
  await windows.show({ approvalId: 'ex1.2.accept', exchangeId: 'ex1', windowKey: 'chapi-r1' });
  const popups = (await browser.windows.getAll({ populate: true })).filter((w) => w.type === 'popup');
  expect(popups).toHaveLength(1);
  expect(popups[0].tabs?.[0].url).toMatch(/approval\.html\?id=ex1\.2\.accept$/);
  const stored = (await browser.storage.session.get('approvalWindows')).approvalWindows as Record<string, unknown>;
  expect(Object.values(stored)).toEqual([{ approvalId: 'ex1.2.accept', exchangeId: 'ex1', key: 'chapi-r1' }]);

  // another key gets its own window; closing one key's window leaves the other
  await windows.show({ approvalId: 'ex2.1.present', exchangeId: 'ex2' });
  await windows.close({ windowKey: 'chapi-r1' });
  await windows.close({ windowKey: 'nothing-open' });
  const left = (await browser.windows.getAll({ populate: true })).filter((w) => w.type === 'popup');
  expect(left.map((w) => w.tabs?.[0].url)).toEqual([expect.stringMatching(/id=ex2\.1\.present$/)]);
  // the user closing the other one is reported; the closed-by-close() one never is
  await browser.windows.remove(left[0].id!);
  await expect.poll(() => closed).toEqual([{ approvalId: 'ex2.1.present', exchangeId: 'ex2' }]);
});
