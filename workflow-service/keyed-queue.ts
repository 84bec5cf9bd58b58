// Runs tasks one at a time per key (here: per exchange), so two concurrent POSTs to one
// exchange are processed in order and the second sees what the first stored.
export class KeyedQueue {
  private tails = new Map<string, Promise<unknown>>();

  run<T>({ key, task }: { key: string; task: () => Promise<T> }): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when every queued task has settled. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
