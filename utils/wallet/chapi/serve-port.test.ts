import { describe, expect, test } from 'vitest';
import { FakePort } from '../../chapi/testing/fake-window';
import type { ChapiRequests } from './chapi-requests';
import { servePort, type ServedPort } from './serve-port';
import type { ChapiFrame } from './frame';

const frame: ChapiFrame = { tabId: 1, frameId: 0, origin: 'http://127.0.0.1:8123' };

/** Requests that the test settles by hand, recording what they were given. */
function scripted() {
  const calls: { op: string; frame: ChapiFrame; arg: unknown; signal: AbortSignal; settle: (v: unknown, e?: unknown) => void }[] = [];
  const make = (op: string) => ({ frame, signal, ...rest }: { frame: ChapiFrame; signal: AbortSignal; web?: unknown; credential?: unknown }) =>
    new Promise((resolve, reject) => {
      calls.push({ op, frame, arg: rest.web ?? rest.credential, signal, settle: (v, e) => (e ? reject(e) : resolve(v)) });
    });
  return { calls, requests: { get: make('get'), store: make('store') } as unknown as ChapiRequests };
}

function start() {
  const port = new FakePort();
  const { calls, requests } = scripted();
  servePort({ port: port as unknown as ServedPort, frame, requests });
  return { port, calls };
}

describe('servePort', () => {
  test('one request per port; the answer goes back on the same port', async () => {
    const { port, calls } = start();
    port.receive({ op: 'get', requestId: 'request-1', web: { VerifiablePresentation: {} } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ op: 'get', frame, arg: { VerifiablePresentation: {} } });
    port.receive({ op: 'ping', requestId: 'request-1' });
    expect(port.disconnected).toBe(false);
    calls[0].settle({ type: 'web', dataType: 'VerifiablePresentation', data: { a: 1 } });
    await expect.poll(() => port.sent).toEqual([{ requestId: 'request-1', ok: true, result: { type: 'web', dataType: 'VerifiablePresentation', data: { a: 1 } } }]);
  });

  test('anything but get/store/cancel/ping, or a second request, drops the port', () => {
    const a = start();
    a.port.receive({ type: 'answerApproval', data: { id: 'chapi-x.present', approve: true } });
    expect(a.port.disconnected).toBe(true);
    expect(a.calls).toHaveLength(0);
    const b = start();
    b.port.receive({ op: 'get', requestId: 'request-1', web: {} });
    b.port.receive({ op: 'store', requestId: 'request-2', credential: {} });
    expect(b.port.disconnected).toBe(true);
    expect(b.calls[0].signal.aborted).toBe(true);
  });

  test('when the frame goes away the request is aborted and its late answer is dropped', async () => {
    const { port, calls } = start();
    port.receive({ op: 'store', requestId: 'request-1', credential: {} });
    port.drop();
    expect(calls[0].signal.aborted).toBe(true);
    calls[0].settle({ type: 'web', dataType: 'VerifiablePresentation', data: { secret: true } });
    await Promise.resolve();
    expect(port.sent).toEqual([]);
  });

  test('the page learns argument errors and the service\'s own messages, nothing internal', async () => {
    const { port, calls } = start();
    port.receive({ op: 'get', requestId: 'request-1', web: {} });
    calls[0].settle(undefined, Object.assign(new Error('Credential cred-123 is no longer in the wallet.'), { name: 'NotFoundError' }));
    await expect.poll(() => port.sent.length).toBe(1);
    expect(port.sent[0]).toEqual({ requestId: 'request-1', ok: false, error: { name: 'OperationError', message: 'The wallet could not answer this request.' } });

    const second = start();
    second.port.receive({ op: 'get', requestId: 'request-2', web: {} });
    second.calls[0].settle(undefined, Object.assign(new TypeError('"options.web" must be an object.'), { expose: true }));
    await expect.poll(() => second.port.sent.length).toBe(1);
    expect(second.port.sent[0]).toEqual({ requestId: 'request-2', ok: false, error: { name: 'TypeError', message: '"options.web" must be an object.' } });
  });
});
