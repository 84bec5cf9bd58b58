import { describe, expect, test } from 'vitest';
import { installCredentialsApi } from './install-credentials-api';
import { createWalletChannel } from './wallet-channel';
import { startBridge } from '../bridge/relay';
import { FakePort, FakeUserActivation, FakeWindow } from '../testing/fake-window';
import { WebCredential } from '../web-credential';

/** Stands in for the browser's CredentialsContainer: records what reaches it. */
class NativeContainer {
  calls: unknown[] = [];
  get(options?: unknown) {
    this.calls.push(['get', options]);
    return Promise.resolve('native-get');
  }
  store(credential?: unknown) {
    this.calls.push(['store', credential]);
    return Promise.resolve('native-store');
  }
}

function setup() {
  const win = new FakeWindow();
  const native = new NativeContainer();
  const activation = new FakeUserActivation();
  const navigator: Record<string, unknown> = { credentials: native, userActivation: activation };
  const page = Object.assign(win, { navigator }) as FakeWindow & { navigator: { credentials: NativeContainer }; WebCredential?: unknown };
  const ports: FakePort[] = [];
  // the bridge reads activation in its own (isolated) world: here, the same object
  startBridge({ win, connect: () => { const p = new FakePort(); ports.push(p); return p; }, hasActivation: () => activation.isActive });
  const result = installCredentialsApi({ win: page, channel: createWalletChannel({ win }) });
  return { page, native, ports, result, activation };
}

const vpr = { query: { type: 'DIDAuthentication' }, challenge: 'c-1', domain: 'shop.example' };

async function until<T>(f: () => T | undefined): Promise<T> {
  await expect.poll(f).toBeTruthy();
  return f() as T;
}

describe('installCredentialsApi', () => {
  test('web get() goes to the wallet through the bridge and resolves with a WebCredential', async () => {
    const { page, native, ports } = setup();
    const pending = page.navigator.credentials.get({ web: { VerifiablePresentation: vpr } });
    const port = await until(() => ports[0]?.sent[0] ? ports[0] : undefined);
    const sent = port.sent[0] as { op: string; requestId: string; web: { VerifiablePresentation: unknown } };
    expect(sent.op).toBe('get');
    expect(sent.web.VerifiablePresentation).toEqual(vpr);
    port.receive({ requestId: sent.requestId, ok: true, result: { type: 'web', dataType: 'VerifiablePresentation', data: { vp: 1 } } });
    const result = await pending;
    expect(result).toBeInstanceOf(WebCredential);
    expect(result).toMatchObject({ type: 'web', dataType: 'VerifiablePresentation', data: { vp: 1 } });
    expect(native.calls).toEqual([]);
    expect(port.disconnected).toBe(true);
  });

  test('get()/store() without user activation reject with NotAllowedError in the page; a forged isActive does not help', async () => {
    const { page, native, ports, activation } = setup();
    activation.active = false;
    // a hostile page redefines what it can reach after the wallet installed
    Object.defineProperty(activation, 'isActive', { get: () => true, configurable: true });
    await expect(page.navigator.credentials.get({ web: { VerifiablePresentation: vpr } }))
      .rejects.toMatchObject({ name: 'NotAllowedError', message: expect.stringMatching(/user action/) });
    await expect(page.navigator.credentials.store(new WebCredential('VerifiablePresentation', {
      type: 'VerifiablePresentation', verifiableCredential: { type: ['VerifiableCredential'] },
    }))).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(ports).toHaveLength(0);
    expect(native.calls).toEqual([]);
    // other credential types keep the browser's own rules
    await expect(page.navigator.credentials.get({ password: true })).resolves.toBe('native-get');
  });

  test('other credential types reach the browser\'s own get/store untouched', async () => {
    const { page, native, ports } = setup();
    await expect(page.navigator.credentials.get({ publicKey: { challenge: 1 } })).resolves.toBe('native-get');
    await expect(page.navigator.credentials.get({ password: true })).resolves.toBe('native-get');
    await expect(page.navigator.credentials.store({ type: 'password', id: 'x' })).resolves.toBe('native-store');
    expect(native.calls).toEqual([['get', { publicKey: { challenge: 1 } }], ['get', { password: true }], ['store', { type: 'password', id: 'x' }]]);
    expect(ports).toHaveLength(0);
  });

  test('malformed calls reject in the page with a TypeError and never reach the wallet', async () => {
    const { page, ports } = setup();
    await expect(page.navigator.credentials.get({ web: { VerifiablePresentation: { query: { type: 'X' } } } }))
      .rejects.toThrow(new TypeError('"options.web.VerifiablePresentation.challenge" is required: the wallet signs the presentation with it.'));
    await expect(page.navigator.credentials.store(new WebCredential('Nope', {}))).rejects.toBeInstanceOf(TypeError);
    expect(ports).toHaveLength(0);
  });

  test('a declined request resolves null; a wallet error keeps its name', async () => {
    const { page, ports } = setup();
    const declined = page.navigator.credentials.get({ web: { VerifiablePresentation: vpr } });
    const port = await until(() => ports[0]?.sent[0] ? ports[0] : undefined);
    port.receive({ requestId: (port.sent[0] as { requestId: string }).requestId, ok: true, result: null });
    await expect(declined).resolves.toBeNull();
    const failing = page.navigator.credentials.get({ web: { VerifiablePresentation: vpr } });
    const port2 = await until(() => ports[1]?.sent[0] ? ports[1] : undefined);
    port2.receive({ requestId: (port2.sent[0] as { requestId: string }).requestId, ok: false, error: { name: 'NotAllowedError', message: 'nope' } });
    await expect(failing).rejects.toMatchObject({ name: 'NotAllowedError', message: 'nope' });
  });

  test('the CHAPI polyfill assigning get/store and credentialsPolyfill does not take the wallet away', async () => {
    const { page, ports } = setup();
    const polyfillGet: (...args: unknown[]) => Promise<string> = () => Promise.resolve('mediator');
    // what the polyfill does once its mediator has loaded
    page.navigator.credentials.get = polyfillGet as never;
    page.navigator.credentials.store = polyfillGet as never;
    const polyfillContainer = { get: polyfillGet, store: polyfillGet };
    (page.navigator as unknown as Record<string, unknown>).credentialsPolyfill = { credentials: polyfillContainer };
    class PolyfillWebCredential { type = 'web'; constructor(public dataType: string, public data: unknown) {} }
    page.WebCredential = PolyfillWebCredential;

    expect(page.navigator.credentials.get).not.toBe(polyfillGet);
    const viaNavigator = page.navigator.credentials.get({ web: { VerifiablePresentation: vpr } });
    const port = await until(() => ports[0]?.sent[0] ? ports[0] : undefined);
    port.receive({ requestId: (port.sent[0] as { requestId: string }).requestId, ok: true, result: null });
    await expect(viaNavigator).resolves.toBeNull();

    const viaPolyfillObject = polyfillContainer.store(new PolyfillWebCredential('VerifiablePresentation', {
      type: 'VerifiablePresentation', verifiableCredential: { type: ['VerifiableCredential'] },
    }));
    const port2 = await until(() => ports[1]?.sent[0] ? ports[1] : undefined);
    expect((port2.sent[0] as { op: string }).op).toBe('store');
    port2.receive({ requestId: (port2.sent[0] as { requestId: string }).requestId, ok: true, result: null });
    await expect(viaPolyfillObject).resolves.toBeNull();
  });

  test('an aborted get() cancels the wallet request', async () => {
    const { page, ports } = setup();
    const controller = new AbortController();
    const pending = page.navigator.credentials.get({ web: { VerifiablePresentation: vpr }, signal: controller.signal });
    const port = await until(() => ports[0]?.sent[0] ? ports[0] : undefined);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => port.disconnected).toBe(true);
    expect((port.sent[1] as { op: string }).op).toBe('cancel');
  });

  test('without a bridge (extension reloaded since the page loaded) the call fails instead of hanging', async () => {
    const win = new FakeWindow();
    const page = Object.assign(win, { navigator: { credentials: new NativeContainer() } });
    installCredentialsApi({ win: page, channel: createWalletChannel({ win, ackTimeoutMs: 50 }) });
    await expect(page.navigator.credentials.get({ web: { VerifiablePresentation: vpr } }))
      .rejects.toMatchObject({ name: 'OperationError', message: expect.stringMatching(/not available on this page/) });
  });

  test('installs nothing where there is no navigator.credentials', () => {
    const win = new FakeWindow();
    const result = installCredentialsApi({ win: Object.assign(win, { navigator: {} }), channel: createWalletChannel({ win }) });
    expect(result.installed).toBe(false);
  });
});
