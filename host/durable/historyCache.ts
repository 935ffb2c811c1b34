import type { HistoryEvent } from './historyEvent';

/** How many instances' histories stay in memory by default. */
export const DEFAULT_HISTORY_CACHE_SIZE = 1000;

/**
 * The in-memory history cache, bounded: least recently used instances are evicted past `max` (their history is
 * read from the store again when they wake up), so thousands of waiting instances do not each keep theirs.
 */
export class HistoryCache extends Map<string, HistoryEvent[]> {
  constructor(private readonly max = DEFAULT_HISTORY_CACHE_SIZE) {
    super();
  }

  override get(id: string): HistoryEvent[] | undefined {
    const value = super.get(id);
    if (value !== undefined) {
      super.delete(id); // re-insert: Map order is recency order
      super.set(id, value);
    }
    return value;
  }

  override set(id: string, value: HistoryEvent[]): this {
    super.delete(id);
    super.set(id, value);
    while (this.size > this.max) {
      const oldest = this.keys().next().value;
      if (oldest === undefined) break;
      super.delete(oldest);
    }
    return this;
  }
}
