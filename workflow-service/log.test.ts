import { describe, expect, it } from 'vitest';
import { batchedSink } from './log';

describe('batchedSink', () => {
  it('writes the gathered lines in one call, in order, after the interval; flush() writes what is pending', async () => {
    const writes: string[] = [];
    const sink = batchedSink((text) => writes.push(text), { intervalMs: 5 });
    sink('a');
    sink('b');
    expect(writes).toEqual([]);
    await expect.poll(() => writes).toEqual(['a\nb\n']);
    sink('c');
    sink.flush();
    expect(writes).toEqual(['a\nb\n', 'c\n']);
    sink.flush();
    expect(writes).toHaveLength(2); // nothing written twice
  });

  it('writes at once when the pending lines pass maxBytes', () => {
    const writes: string[] = [];
    const sink = batchedSink((text) => writes.push(text), { intervalMs: 60_000, maxBytes: 10 });
    sink('12345');
    expect(writes).toEqual([]);
    sink('67890');
    expect(writes).toEqual(['12345\n67890\n']);
  });
});
