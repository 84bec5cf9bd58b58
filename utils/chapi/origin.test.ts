import { describe, expect, test } from 'vitest';
import { checkDomain, isAllowedEndpoint, isServedOrigin } from './origin';

describe('isServedOrigin', () => {
  test('https anywhere, http only on loopback, origins only', () => {
    expect(isServedOrigin({ origin: 'https://shop.example' })).toBe(true);
    expect(isServedOrigin({ origin: 'http://127.0.0.1:8080' })).toBe(true);
    expect(isServedOrigin({ origin: 'http://localhost:3000' })).toBe(true);
    expect(isServedOrigin({ origin: 'http://shop.example' })).toBe(false);
    expect(isServedOrigin({ origin: 'https://shop.example/path' })).toBe(false);
    expect(isServedOrigin({ origin: 'null' })).toBe(false);
    expect(isServedOrigin({ origin: 'file:///tmp/x' })).toBe(false);
  });
});

describe('isAllowedEndpoint', () => {
  test('refuses userinfo, plain http off loopback and other schemes', () => {
    expect(isAllowedEndpoint({ url: 'https://svc.example/exchanges/1' })).toBe(true);
    expect(isAllowedEndpoint({ url: 'http://127.0.0.1:4000/x' })).toBe(true);
    expect(isAllowedEndpoint({ url: 'http://svc.example/x' })).toBe(false);
    expect(isAllowedEndpoint({ url: 'https://u:p@svc.example/x' })).toBe(false);
    expect(isAllowedEndpoint({ url: 'javascript:alert(1)' })).toBe(false);
    expect(isAllowedEndpoint({ url: 'not a url' })).toBe(false);
  });
});

describe('checkDomain', () => {
  const origin = 'http://127.0.0.1:8123';
  test('a bare host matches on any port; a host with a port must match the port', () => {
    expect(checkDomain({ domain: '127.0.0.1', origin }).status).toBe('match');
    expect(checkDomain({ domain: '127.0.0.1:8123', origin }).status).toBe('match');
    expect(checkDomain({ domain: '127.0.0.1:9999', origin }).status).toBe('mismatch');
    expect(checkDomain({ domain: 'jobs.example.com', origin: 'https://jobs.example.com' }).status).toBe('match');
    expect(checkDomain({ domain: 'JOBS.example.com.', origin: 'https://jobs.example.com' }).status).toBe('match');
    expect(checkDomain({ domain: 'jobs.example.com:443', origin: 'https://jobs.example.com' }).status).toBe('match');
  });
  test('a URL domain must have the page origin', () => {
    expect(checkDomain({ domain: 'http://127.0.0.1:8123/verify', origin }).status).toBe('match');
    expect(checkDomain({ domain: 'https://127.0.0.1:8123', origin }).status).toBe('mismatch');
    expect(checkDomain({ domain: 'https://bank.example', origin }).status).toBe('mismatch');
  });
  test('another site, look-alikes and junk are flagged with the real origin in the warning', () => {
    const lie = checkDomain({ domain: 'bank.example', origin });
    expect(lie.status).toBe('mismatch');
    expect(lie.warning).toContain(origin);
    expect(lie.warning).toContain('bank.example');
    expect(checkDomain({ domain: '127.0.0.1.evil.example', origin }).status).toBe('mismatch');
    expect(checkDomain({ domain: 'evil.example@127.0.0.1', origin }).status).toBe('mismatch');
    expect(checkDomain({ domain: '127.0.0.1/path', origin }).status).toBe('mismatch');
  });
  test('no domain is reported as absent, with a warning', () => {
    const absent = checkDomain({ domain: undefined, origin });
    expect(absent.status).toBe('absent');
    expect(absent.warning).toMatch(/names no domain/);
  });
});
