import type { DurableStore } from './durableStore';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes queued during one turn of the event loop are committed in a single SQLite transaction, each
 * in its own savepoint so one failing write does not undo the others. A write's promise settles after the commit.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly store: DurableStore) {}

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
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      this.store.transaction(() => {
        for (const item of batch) {
          try {
            results.push({ ok: true, value: this.store.transaction(item.fn) });
          } catch (error) {
            results.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const r = results[i];
      if (r?.ok) item.resolve(r.value);
      else item.reject(r?.value);
    });
  }
}
