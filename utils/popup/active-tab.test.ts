import { describe, expect, test } from 'vitest';
import { resolveActiveTab } from './active-tab';

describe('the tab the popup is about', () => {
  test('?tabId= names it (tests, popup opened in a tab); a malformed one names none', async () => {
    expect(await resolveActiveTab({ search: '?tabId=42' })).toBe(42);
    expect(await resolveActiveTab({ search: '?tabId=abc' })).toBeUndefined();
    expect(await resolveActiveTab({ search: '?tabId=-3' })).toBeUndefined();
  });
});
