import { describe, expect, test } from 'vitest';
import { REPORT_LIMITS } from '../../messaging/scan-limits';
import type { RawFinding } from '../types';
import { findingsToReport, reports } from './report';

describe('page scanner reports', () => {
  test('only link and text findings within the caps leave the page, with a short tag', () => {
    const raw: RawFinding[] = [
      { source: 'link', value: 'https://a.example/?iuv=1', where: { tag: 'a', attribute: 'href' } },
      { source: 'text', value: 'x'.repeat(REPORT_LIMITS.valueLength + 1), where: {} },
      { source: 'image', value: 'https://b.example/?iuv=1', where: {} },
    ];
    expect(findingsToReport(raw)).toEqual([{ source: 'link', value: 'https://a.example/?iuv=1', where: { tag: 'a' } }]);
  });

  test('a big result is split into messages within the per-message caps; reset only on the first', () => {
    const findings = Array.from({ length: REPORT_LIMITS.findings * 2 + 1 }, (_, i) => ({ source: 'link' as const, value: `v${i}` }));
    const images = Array.from({ length: REPORT_LIMITS.images + 1 }, (_, i) => ({ kind: 'img' as const, src: `https://a/${i}.png`, width: 1, height: 1 }));
    const out = [...reports({ findings, images, reset: true })];
    expect(out.map((m) => [m.findings.length, m.images.length, m.reset ?? false])).toEqual([
      [REPORT_LIMITS.findings, REPORT_LIMITS.images, true],
      [REPORT_LIMITS.findings, 1, false],
      [1, 0, false],
    ]);
  });

  test('an empty result still yields one message (a new page resets the tab)', () => {
    expect([...reports({ findings: [], images: [], reset: true })]).toEqual([{ findings: [], images: [], reset: true }]);
  });
});
