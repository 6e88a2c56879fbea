// Coalescing many small database writes into few: callers push one item each and wait for its result, while up to
// `inFlight` batches are written at once; whatever arrives during a write goes into the next. No timer: a batch is as
// long as the previous write took, so a lone caller waits one write and many callers share each one.

export interface Coalescer<T, R> {
  /** Queues the item; resolves with its result once the batch holding it is written, rejects if that write failed. */
  push(item: T): Promise<R>;
  /** Resolves when everything pushed so far has been written (or has failed). */
  drain(): Promise<void>;
}

export interface CoalescerOptions {
  /** The most items in one write (500 by default). */
  maxBatch?: number;
  /**
   * Writes in flight at once (1 by default). A second write starts beside a running one only once half as many items as
   * the last write held are waiting, so that two writes at once do not just mean batches half as long.
   */
  inFlight?: number;
}

export function coalescer<T, R>(write: (items: T[]) => Promise<R[]>, opts: CoalescerOptions = {}): Coalescer<T, R> {
  const maxBatch = opts.maxBatch ?? 500;
  const inFlight = Math.max(1, opts.inFlight ?? 1);
  let pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  const running = new Set<Promise<void>>();
  // the usual batch length (a moving average), and whether a kick is already due in this turn of the event loop
  let usual = 1;
  let scheduled = false;
  const kick = (): void => {
    scheduled = false;
    while (pending.length > 0 && running.size < inFlight && (running.size === 0 || pending.length >= usual / 2)) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      usual = 0.8 * usual + 0.2 * batch.length;
      const done: Promise<void> = write(batch.map((b) => b.item)).then(
        (results) => batch.forEach((b, i) => b.resolve(results[i]!)),
        (err: unknown) => batch.forEach((b) => b.reject(err)),
      ).finally(() => { running.delete(done); kick(); });
      running.add(done);
    }
  };
  return {
    push(item) {
      const p = new Promise<R>((resolve, reject) => pending.push({ item, resolve, reject }));
      // the callers ready in this turn of the event loop join the same batch
      if (!scheduled) { scheduled = true; setImmediate(kick); }
      return p;
    },
    async drain() {
      while (running.size || pending.length) {
        kick();
        await Promise.race(running);
      }
    },
  };
}
