// One task at a time per key (an exchange id): answers, resumes and steps never interleave.
import { KeyedQueue } from '../keyed-queue';

export function createKeyedLock() {
  const queue = new KeyedQueue<string>();
  return function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return queue.run({ key, task });
  };
}

export type KeyedLock = ReturnType<typeof createKeyedLock>;
