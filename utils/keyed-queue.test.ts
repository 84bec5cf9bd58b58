import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue';

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time, in order, even when one fails', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = queue.run({ key: 'k', task: async () => { log.push('1 start'); await gate; log.push('1 end'); throw new Error('boom'); } });
    const second = queue.run({ key: 'k', task: async () => { log.push('2'); return 2; } });
    const other = queue.run({ key: 'other', task: async () => { log.push('other'); return 3; } });
    expect(await other).toBe(3);
    expect(log).toEqual(['1 start', 'other']);
    release();
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe(2);
    expect(log).toEqual(['1 start', 'other', '1 end', '2']);
    await queue.drain();
  });

  it('forgets a key once its work has settled (no growth per key), numeric keys too', async () => {
    const queue = new KeyedQueue<number>();
    await Promise.all(Array.from({ length: 50 }, (_, i) => queue.run({ key: i, task: async () => i })));
    await queue.drain();
    expect(queue.size).toBe(0);
    await expect(queue.run({ key: 1, task: () => Promise.reject(new Error('x')) })).rejects.toThrow('x');
    await queue.drain();
    expect(queue.size).toBe(0);
  });
});
