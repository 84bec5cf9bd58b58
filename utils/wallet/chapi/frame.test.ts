import { expect, test } from 'vitest';
import { frameFromSender } from './frame';

const extensionId = 'abcdefghijklmnopabcdefghijklmnop';
const base = { id: extensionId, url: 'http://127.0.0.1:8123/shop?x=1', origin: 'http://127.0.0.1:8123', frameId: 0, documentId: 'DOC1', tab: { id: 7, url: 'http://127.0.0.1:8123/shop?x=1' } };

test('the frame comes from the browser\'s sender: tab, frame, document and origin', () => {
  expect(frameFromSender({ sender: base, extensionId })).toEqual({ tabId: 7, frameId: 0, documentId: 'DOC1', origin: 'http://127.0.0.1:8123' });
});

test('an iframe of another origin also names the top-level page', () => {
  const frame = frameFromSender({ sender: { ...base, frameId: 3, url: 'https://widget.example/x', origin: 'https://widget.example' }, extensionId });
  expect(frame).toMatchObject({ frameId: 3, origin: 'https://widget.example', topOrigin: 'http://127.0.0.1:8123' });
});

test('senders the bridge must not serve are refused', () => {
  expect(frameFromSender({ sender: { ...base, id: 'another-extension' }, extensionId })).toBeUndefined();
  expect(frameFromSender({ sender: { ...base, tab: undefined }, extensionId })).toBeUndefined(); // an extension page
  expect(frameFromSender({ sender: { ...base, origin: 'null' }, extensionId })).toBeUndefined(); // sandboxed frame
  expect(frameFromSender({ sender: { ...base, url: 'http://shop.example/', origin: 'http://shop.example' }, extensionId })).toBeUndefined();
  expect(frameFromSender({ sender: { ...base, url: 'file:///tmp/a.html', origin: undefined }, extensionId })).toBeUndefined();
  expect(frameFromSender({ sender: undefined, extensionId })).toBeUndefined();
});
