import { describe, expect, test } from 'vitest';
import { messageSpecs } from './index';

const parse = (type: keyof typeof messageSpecs, data: unknown) =>
  (messageSpecs[type].parse as (v: unknown, p: string) => unknown)(data, 'data');

describe('message specs', () => {
  test('startExchange accepts a URL, a known source and an origin', () => {
    expect(parse('startExchange', { url: 'https://a.example/x?iuv=1', source: 'paste' })).toEqual({
      url: 'https://a.example/x?iuv=1',
      source: 'paste',
    });
    expect(
      parse('startExchange', { url: 'https://a.example/x?iuv=1', source: 'page', pageOrigin: 'https://shop.example' }),
    ).toMatchObject({ pageOrigin: 'https://shop.example' });
  });

  test('startExchange names the bad field', () => {
    expect(() => parse('startExchange', { url: 'x', source: 'fax' })).toThrow(/"data.source" must be one of/);
    expect(() => parse('startExchange', { url: 'x', source: 'page', pageOrigin: 'https://shop.example/path' })).toThrow(
      /"data.pageOrigin" must be an origin/,
    );
    expect(() => parse('startExchange', { url: 'x'.repeat(20_000), source: 'paste' })).toThrow(/"data.url"/);
    expect(() => parse('startExchange', { url: 'x', source: 'paste', protocol: 'didcomm' })).toThrow(/"data.protocol"/);
    expect(() => parse('startExchange', 'https://a.example')).toThrow(/"data" must be an object/);
    // exchange URLs are for internal callers (CHAPI) only: the message carries interaction URLs
    expect(() => parse('startExchange', { exchangeUrl: 'https://a.example/x', source: 'paste' })).toThrow(/"data.exchangeUrl"/);
    expect(() => parse('startExchange', { url: 'https://a.example/x?iuv=1', exchangeUrl: 'https://a.example/x', source: 'paste' })).toThrow(/"data.exchangeUrl"/);
    try {
      parse('startExchange', { url: 1, source: 'paste' });
    } catch (error) {
      expect((error as Error).name).toBe('DataError');
    }
  });

  test('unknown fields are refused, so nothing slips through', () => {
    expect(() => parse('getCredential', { id: 'c1', extra: true })).toThrow(/"data.extra" must be absent/);
  });

  test('answerApproval checks selections and indices', () => {
    expect(parse('answerApproval', { id: 'a', approve: true, selections: [{ key: '1.0', credentialIds: ['c'] }] })).toEqual({
      id: 'a',
      approve: true,
      selections: [{ key: '1.0', credentialIds: ['c'] }],
    });
    expect(() => parse('answerApproval', { id: 'a', approve: 'yes' })).toThrow(/"data.approve" must be true or false/);
    expect(() => parse('answerApproval', { id: 'a', approve: true, accept: [-1] })).toThrow(/"data.accept\[0\]"/);
  });

  test('messages without data take nothing else', () => {
    expect(parse('listCredentials', undefined)).toBeUndefined();
    expect(parse('listCredentials', {})).toBeUndefined();
    expect(() => parse('listCredentials', { all: true })).toThrow(/must be empty/);
  });

  test('wallet-internal messages are for extension pages only', () => {
    const internal = ['getWalletInfo', 'startExchange', 'listExchanges', 'getExchange', 'listCredentials', 'getCredential',
      'deleteCredential', 'getApproval', 'listApprovals', 'answerApproval', 'showApproval', 'getSettings', 'setSettings'] as const;
    for (const type of internal) expect(messageSpecs[type].access).toBe('extension');
  });
});
