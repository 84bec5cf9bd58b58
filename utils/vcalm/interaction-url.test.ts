import { describe, expect, it } from 'vitest';
import { isInteractionUrl, parseInteractionUrl } from './interaction-url';

function nameOf(fn: () => unknown): string | undefined {
  try { fn(); } catch (error) { return (error as Error).name; }
  return undefined;
}

describe('parseInteractionUrl', () => {
  it('accepts https with iuv=1 and keeps the URL', () => {
    const parsed = parseInteractionUrl({ url: 'https://shop.example/interactions/abc?iuv=1' });
    expect(parsed).toEqual({ url: 'https://shop.example/interactions/abc?iuv=1', origin: 'https://shop.example', warnings: [] });
  });

  it('unwraps interaction: and web+interaction:, also percent-encoded', () => {
    expect(parseInteractionUrl({ url: 'interaction:https://a.example/i/1?iuv=1' })).toMatchObject({ url: 'https://a.example/i/1?iuv=1', wrapper: 'interaction:' });
    expect(parseInteractionUrl({ url: 'web+interaction:https://a.example/i/1?iuv=1' })).toMatchObject({ url: 'https://a.example/i/1?iuv=1', wrapper: 'web+interaction:' });
    expect(parseInteractionUrl({ url: 'WEB+INTERACTION:https%3A%2F%2Fa.example%2Fi%2F1%3Fiuv%3D1' }).url).toBe('https://a.example/i/1?iuv=1');
  });

  it('requires iuv=1 exactly once; other versions are NotSupportedError', () => {
    expect(nameOf(() => parseInteractionUrl({ url: 'https://a.example/i/1' }))).toBe('DataError');
    expect(nameOf(() => parseInteractionUrl({ url: 'https://a.example/i/1?iuv=2' }))).toBe('NotSupportedError');
    expect(nameOf(() => parseInteractionUrl({ url: 'https://a.example/i/1?iuv=1&iuv=1' }))).toBe('DataError');
  });

  it('allows plain http only on loopback, with a warning', () => {
    for (const host of ['127.0.0.1:8080', '127.9.8.7', 'localhost:3000', '[::1]:4000', 'app.localhost']) {
      const parsed = parseInteractionUrl({ url: `http://${host}/x?iuv=1` });
      expect(parsed.warnings.join(' ')).toMatch(/development/);
    }
    for (const host of ['example.com', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '[::2]']) {
      expect(nameOf(() => parseInteractionUrl({ url: `http://${host}/x?iuv=1` }))).toBe('NotAllowedError');
    }
  });

  it('refuses other schemes, userinfo, control characters, garbage and non-strings', () => {
    expect(nameOf(() => parseInteractionUrl({ url: 'ftp://a.example/x?iuv=1' }))).toBe('NotSupportedError');
    expect(nameOf(() => parseInteractionUrl({ url: 'javascript:alert(1)//?iuv=1' }))).toBe('NotSupportedError');
    expect(nameOf(() => parseInteractionUrl({ url: 'https://user:pw@a.example/x?iuv=1' }))).toBe('NotAllowedError');
    expect(nameOf(() => parseInteractionUrl({ url: 'https://a.example/x?iuv=1\n' + 'y' }))).toBe('DataError');
    expect(nameOf(() => parseInteractionUrl({ url: 'not a url' }))).toBe('DataError');
    expect(nameOf(() => parseInteractionUrl({ url: '' }))).toBe('DataError');
    expect(nameOf(() => parseInteractionUrl({ url: 42 as unknown as string }))).toBe('TypeError');
  });

  it('enforces the 4296-character limit and warns past 400', () => {
    const base = 'https://a.example/x?iuv=1&p=';
    const long = base + 'a'.repeat(401 - base.length);
    expect(parseInteractionUrl({ url: long }).warnings.join(' ')).toMatch(/401 characters/);
    const max = base + 'a'.repeat(4296 - base.length);
    expect(parseInteractionUrl({ url: max }).url).toBe(max);
    expect(nameOf(() => parseInteractionUrl({ url: max + 'a' }))).toBe('DataError');
  });

  it('isInteractionUrl never throws', () => {
    expect(isInteractionUrl({ url: 'https://a.example/?iuv=1' })).toBe(true);
    expect(isInteractionUrl({ url: 'http://evil.example/?iuv=1' })).toBe(false);
  });
});
