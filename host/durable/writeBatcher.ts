import type { DurableStore } from './durableStore';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** SQLite's "another connection holds the lock" errors: worth waiting for, never a reason to give up. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'))
  );
}

const MAX_BACKOFF_MS = 1000;

/**
 * Group commit: writes queued during one turn of the event loop are committed in a single SQLite transaction. If
 * one write throws, the batch is rolled back and its writes are retried one transaction each, so a failing write
 * never undoes the others. A write's promise settles after its commit. A database locked by another connection
 * (SQLITE_BUSY) is waited for asynchronously — the batch is retried with backoff (10 ms doubling to 1 s) while the
 * event loop keeps serving — instead of blocking inside SQLite's busy handler.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private backoffMs = 0;
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
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.backoffMs > 0) setTimeout(() => this.flush(), this.backoffMs);
    else setImmediate(() => this.flush());
  }

  /** Commits everything queued now (a busy database re-queues it for a later attempt). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let values: unknown[];
    try {
      values = this.runAll(batch);
    } catch (error) {
      if (isBusy(error)) return this.retryLater(batch);
      const busy: Pending[] = [];
      for (const item of batch) {
        try {
          item.resolve(this.runOne(item.fn));
        } catch (e) {
          if (isBusy(e)) busy.push(item);
          else item.reject(e);
        }
      }
      if (busy.length > 0) this.retryLater(busy);
      return;
    }
    this.backoffMs = 0;
    batch.forEach((item, i) => item.resolve(values[i]));
  }

  private retryLater(batch: Pending[]): void {
    this.queue = [...batch, ...this.queue];
    this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(10, this.backoffMs * 2));
    this.schedule();
  }
}
