import type Database from 'better-sqlite3';

/** One durable entity's stored row. */
export interface EntityRow {
  instance_id: string;
  name: string;
  key: string;
  /** JSON text of the state; null when the entity does not exist (never set, or deleted). */
  state: string | null;
  lock_owner: string | null;
  /** JSON array of deferred EntityRequests. */
  queue: string;
  updated_at: string;
}

/** Entity rows in the durable store's database (table `entities`). */
export class EntityStore {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      get: p('SELECT * FROM entities WHERE instance_id = ?'),
      put: p(`INSERT OR REPLACE INTO entities (instance_id, name, key, state, lock_owner, queue, updated_at)
        VALUES (@instance_id, @name, @key, @state, @lock_owner, @queue, @updated_at)`),
      remove: p('DELETE FROM entities WHERE instance_id = ?'),
      list: p(`SELECT * FROM entities WHERE name = ? AND state IS NOT NULL AND key > ? ORDER BY key LIMIT ?`),
    };
  }

  get(id: string): EntityRow | undefined {
    return this.s.get.get(id) as EntityRow | undefined;
  }

  /** Stores the row, or removes it when nothing is left to keep (no state, no lock, no deferred requests). */
  put(row: EntityRow): void {
    if (row.state === null && row.lock_owner === null && row.queue === '[]') this.s.remove.run(row.instance_id);
    else this.s.put.run(row);
  }

  /** Existing entities of `name` (lowercase) with keys after `afterKey`, in key order. */
  list(name: string, afterKey: string, limit: number): EntityRow[] {
    return this.s.list.all(name, afterKey, limit) as EntityRow[];
  }
}
