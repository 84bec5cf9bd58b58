import { describe, expect, test } from 'vitest';
import { handleMessage } from './serve';
import { classifySender } from './sender';

const context = { extensionId: 'abcdefghijklmnopabcdefghijklmnop', extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
const popup = { id: context.extensionId, url: `${context.extensionOrigin}/popup.html`, origin: context.extensionOrigin };
const contentScript = { id: context.extensionId, url: 'https://shop.example/p/1', origin: 'https://shop.example', tab: { id: 7, url: 'https://shop.example/p/1' }, frameId: 0 };

describe('classifySender', () => {
  test('extension pages, content scripts and strangers', () => {
    expect(classifySender({ sender: popup, ...context }).kind).toBe('extension');
    expect(classifySender({ sender: contentScript, ...context })).toMatchObject({ kind: 'content', pageOrigin: 'https://shop.example', tabId: 7 });
    expect(classifySender({ sender: { ...popup, id: 'another-extension' }, ...context }).kind).toBe('unknown');
    expect(classifySender({ sender: undefined, ...context }).kind).toBe('unknown');
    // a page cannot pass for the extension by claiming its URL while its origin says otherwise
    expect(classifySender({ sender: { ...popup, origin: 'https://evil.example' }, ...context }).kind).not.toBe('extension');
  });
});

describe('handleMessage', () => {
  test('runs the handler with parsed data for an extension page', async () => {
    const result = await handleMessage({
      type: 'getExchange',
      data: { id: 'x1' },
      sender: popup,
      context,
      handler: async ({ id }) => ({ id }) as never,
    });
    expect(result).toEqual({ id: 'x1' });
  });

  test('a content script cannot call wallet-internal messages; the handler never runs', async () => {
    let ran = false;
    const attempt = handleMessage({
      type: 'listCredentials',
      data: undefined,
      sender: contentScript,
      context,
      handler: async () => {
        ran = true;
        return [];
      },
    });
    await expect(attempt).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(ran).toBe(false);
  });

  test('bad data is a DataError; handler errors cross as {name, message, status} without the stack', async () => {
    await expect(
      handleMessage({ type: 'getExchange', data: { id: 5 }, sender: popup, context, handler: async () => ({}) as never }),
    ).rejects.toMatchObject({ name: 'DataError', message: expect.stringContaining('"data.id"') });
    const failure = Object.assign(new Error('exchange expired'), { name: 'NotFoundError', status: 404, data: { message: 'gone' } });
    const error = await handleMessage({
      type: 'getExchange',
      data: { id: 'x' },
      sender: popup,
      context,
      handler: async () => {
        throw failure;
      },
    }).catch((e) => e);
    expect(error).toMatchObject({ name: 'NotFoundError', message: 'exchange expired', status: 404, data: { message: 'gone' } });
    expect(error.stack).toBe('NotFoundError: exchange expired');
  });
});
