// A window for Node tests of the page-world and bridge code: postMessage delivers a `message`
// event (asynchronously, like a browser) whose source is the posting window, or another window.
import { webcrypto } from 'node:crypto';

export class FakeWindow {
  private events = new EventTarget();
  readonly posted: unknown[] = [];
  crypto = webcrypto as unknown as Crypto;

  postMessage(data: unknown, _targetOrigin: string, source: unknown = this) {
    this.posted.push(data);
    const copy = structuredClone(data);
    queueMicrotask(() => {
      const event = new Event('message');
      Object.defineProperties(event, { data: { value: copy }, source: { value: source } });
      this.events.dispatchEvent(event);
    });
  }

  /** A message that another frame posted to this window. */
  postFrom(source: unknown, data: unknown) {
    this.postMessage(data, '*', source);
  }

  addEventListener(type: 'message', listener: (event: MessageEvent) => void) {
    this.events.addEventListener(type, listener as EventListener);
  }

  removeEventListener(type: 'message', listener: (event: MessageEvent) => void) {
    this.events.removeEventListener(type, listener as EventListener);
  }
}

/** A runtime port whose other end the test plays. */
export class FakePort {
  readonly sent: unknown[] = [];
  disconnected = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (l: (message: unknown) => void) => void this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => void this.disconnectListeners.push(l) };

  postMessage(message: unknown) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(structuredClone(message));
  }

  disconnect() {
    this.disconnected = true; // like Chrome: the side that disconnects gets no onDisconnect
  }

  /** The other end answers. */
  receive(message: unknown) {
    for (const l of this.messageListeners) l(structuredClone(message));
  }

  /** The other end goes away. */
  drop() {
    this.disconnected = true;
    for (const l of this.disconnectListeners) l();
  }
}

/** navigator.userActivation: `isActive` is a getter on the prototype, as in browsers. */
export class FakeUserActivation {
  active = true;
  get isActive(): boolean {
    return this.active;
  }
}
