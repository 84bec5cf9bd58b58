// One task at a time per key, in order; different keys run side by side. A failed task does not
// stop the ones queued after it. Used by the wallet (one exchange's steps, resumes and answers
// never interleave; one tab's findings never lose each other's items) and by the workflow service
// (two concurrent POSTs to one exchange are processed in order). Plain promises: runs anywhere.
export class KeyedQueue<K = string> {
  private tails = new Map<K, Promise<unknown>>();

  run<T>({ key, task }: { key: K; task: () => Promise<T> }): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    // The tail only orders what comes next; the caller sees `result`, failure included.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have work queued or running. */
  get size(): number {
    return this.tails.size;
  }

  /** Resolves when every queued task has settled. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
