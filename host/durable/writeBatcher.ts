import type { DurableStore } from './durableStore';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes queued during one turn of the event loop are committed in a single SQLite transaction. If
 * one write throws, the batch is rolled back and its writes are retried one transaction each, so a failing write
 * never undoes the others. A write's promise settles after its commit.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly runAll: (batch: Pending[]) => unknown[];
  private readonly runOne: (fn: () => unknown) => unknown;

  constructor(store: DurableStore) {
    // Transaction wrappers are built once: creating one per commit is measurable at thousands of commits/s.
    this.runAll = store.db.transaction((batch: Pending[]) => batch.map((item) => item.fn()));
    this.runOne = store.db.transaction((fn: () => unknown) => fn());
  }

  /** Queues `fn` (synchronous SQLite work) and resolves with its result once committed. */
  write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let values: unknown[];
    try {
      values = this.runAll(batch);
    } catch {
      for (const item of batch) {
        try {
          item.resolve(this.runOne(item.fn));
        } catch (error) {
          item.reject(error);
        }
      }
      return;
    }
    batch.forEach((item, i) => item.resolve(values[i]));
  }
}
