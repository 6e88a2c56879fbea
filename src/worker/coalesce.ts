// Coalescing many small database writes into few: callers push one item each and wait for its result, while one
// batch at a time is written; whatever arrives during a write goes into the next. No timer: a batch is as long as
// the previous write took, so a lone caller waits one write and many callers share each one.

export interface Coalescer<T, R> {
  /** Queues the item; resolves with its result once the batch holding it is written, rejects if that write failed. */
  push(item: T): Promise<R>;
  /** Resolves when everything pushed so far has been written (or has failed). */
  drain(): Promise<void>;
}

export function coalescer<T, R>(write: (items: T[]) => Promise<R[]>, maxBatch = 500): Coalescer<T, R> {
  let pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let running: Promise<void> | null = null;
  const kick = (): void => {
    if (running || pending.length === 0) return;
    const batch = pending.slice(0, maxBatch);
    pending = pending.slice(batch.length);
    running = write(batch.map((b) => b.item)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i]!)),
      (err: unknown) => batch.forEach((b) => b.reject(err)),
    ).finally(() => { running = null; kick(); });
  };
  return {
    push(item) {
      const p = new Promise<R>((resolve, reject) => pending.push({ item, resolve, reject }));
      // the callers ready in this turn of the event loop join the first batch
      if (!running) setImmediate(kick);
      return p;
    },
    async drain() {
      while (running || pending.length) {
        kick();
        await running;
      }
    },
  };
}
