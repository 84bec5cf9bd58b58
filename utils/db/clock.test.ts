import { expect, it } from 'vitest';
import { monotonicClock } from './clock';

it('never repeats a timestamp, even for calls in the same millisecond', () => {
  const now = monotonicClock();
  const stamps = Array.from({ length: 1000 }, () => now());
  expect(new Set(stamps).size).toBe(stamps.length);
  expect([...stamps].sort()).toEqual(stamps);
  expect(Math.abs(Date.parse(stamps[0]) - Date.now())).toBeLessThan(60_000);
});
