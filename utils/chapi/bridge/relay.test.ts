import { describe, expect, test } from 'vitest';
import { startBridge } from './relay';
import { FakePort, FakeUserActivation, FakeWindow } from '../testing/fake-window';
import { PAGE_CHANNEL } from '../page-messages';

function setup({ pingIntervalMs }: { pingIntervalMs?: number } = {}) {
  const win = new FakeWindow();
  const ports: FakePort[] = [];
  const activation = new FakeUserActivation();
  startBridge({ win, connect: () => { const p = new FakePort(); ports.push(p); return p; }, hasActivation: () => activation.isActive, pingIntervalMs });
  const replies = () => win.posted.filter((m) => (m as { to?: string; ack?: boolean }).to === 'page' && !(m as { ack?: boolean }).ack) as { id: string; ok: boolean; result?: unknown; error?: { name: string } }[];
  return { win, ports, replies, activation };
}

const request = (id: string, extra: Record<string, unknown> = {}) =>
  ({ channel: PAGE_CHANNEL, to: 'wallet', id, op: 'get', payload: { VerifiablePresentation: {} }, ...extra });

describe('the bridge', () => {
  test('without user activation in the frame a request is refused by name and never reaches the wallet', async () => {
    const { win, ports, replies, activation } = setup();
    activation.active = false;
    win.postMessage(request('no-gesture-1'), '*');
    win.postMessage({ ...request('no-gesture-2'), op: 'store', payload: {} }, '*');
    await expect.poll(() => replies().length).toBe(2);
    expect(replies()).toEqual([
      expect.objectContaining({ id: 'no-gesture-1', ok: false, error: expect.objectContaining({ name: 'NotAllowedError', message: expect.stringMatching(/user action/) }) }),
      expect.objectContaining({ id: 'no-gesture-2', ok: false, error: expect.objectContaining({ name: 'NotAllowedError' }) }),
    ]);
    expect(ports).toHaveLength(0);
    activation.active = true;
    win.postMessage(request('with-gesture'), '*');
    await expect.poll(() => ports.length).toBe(1);
  });

  test('relays only well-formed requests from its own window', async () => {
    const { win, ports } = setup();
    const otherFrame = new FakeWindow();
    win.postFrom(otherFrame, request('from-another-frame'));
    win.postMessage({ type: 'listCredentials', id: 1, timestamp: Date.now() }, '*'); // @webext-core shape
    win.postMessage({ ...request('abcdefgh1'), op: 'answerApproval' }, '*');
    win.postMessage({ ...request('abcdefgh2'), extra: 'x' }, '*');
    win.postMessage({ ...request('short') }, '*');
    win.postMessage(request('abcdefgh3'), '*');
    await expect.poll(() => ports.length).toBe(1);
    expect(ports[0].sent).toEqual([{ op: 'get', requestId: 'abcdefgh3', web: { VerifiablePresentation: {} } }]);
  });

  test('answers go back under the request id; a second request while one waits is refused', async () => {
    const { win, ports, replies } = setup();
    win.postMessage(request('request-1'), '*');
    await expect.poll(() => ports.length).toBe(1);
    win.postMessage(request('request-2'), '*');
    await expect.poll(() => replies().length).toBe(1);
    expect(replies()[0]).toMatchObject({ id: 'request-2', ok: false, error: { name: 'NotAllowedError' } });
    ports[0].receive({ requestId: 'someone-else', ok: true, result: null });
    ports[0].receive({ requestId: 'request-1', ok: true, result: null });
    await expect.poll(() => replies().length).toBe(2);
    expect(replies()[1]).toMatchObject({ id: 'request-1', ok: true, result: null });
    expect(ports[0].disconnected).toBe(true);
  });

  test('a wallet that goes away mid-request is an OperationError, not silence', async () => {
    const { win, ports, replies } = setup();
    win.postMessage(request('request-3'), '*');
    await expect.poll(() => ports.length).toBe(1);
    ports[0].drop();
    await expect.poll(() => replies().length).toBe(1);
    expect(replies()[0]).toMatchObject({ id: 'request-3', ok: false, error: { name: 'OperationError' } });
  });

  test('receipts every relayed request at once, and keeps the worker up with pings while it waits', async () => {
    const { win, ports } = setup({ pingIntervalMs: 10 });
    win.postMessage(request('request-5'), '*');
    await expect.poll(() => ports.length).toBe(1);
    expect(win.posted).toContainEqual({ channel: PAGE_CHANNEL, to: 'page', id: 'request-5', ack: true });
    await expect.poll(() => ports[0].sent.filter((m) => (m as { op: string }).op === 'ping').length).toBeGreaterThan(1);
    ports[0].receive({ requestId: 'request-5', ok: true, result: null });
    await expect.poll(() => ports[0].disconnected).toBe(true);
  });

  test('cancel from the page tells the background and closes the port', async () => {
    const { win, ports } = setup();
    win.postMessage(request('request-4'), '*');
    await expect.poll(() => ports.length).toBe(1);
    win.postMessage({ channel: PAGE_CHANNEL, to: 'wallet', id: 'request-4', op: 'cancel' }, '*');
    await expect.poll(() => ports[0].disconnected).toBe(true);
    expect(ports[0].sent[1]).toEqual({ op: 'cancel', requestId: 'request-4' });
  });
});
