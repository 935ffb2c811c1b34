import Database from 'better-sqlite3';

import { ensurePrivateFile } from '../privateFiles';
import { EntityStore } from './entityStore';
import type { HistoryEvent } from './historyEvent';
import { schemaSql } from './schema';

export type RuntimeStatus =
  'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Canceled' | 'Terminated' | 'Suspended';

export const terminalStatuses: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

export interface InstanceRow {
  instance_id: string;
  name: string;
  execution_id: string;
  status: RuntimeStatus;
  input: string | null;
  output: string | null;
  custom_status: string | null;
  failure: string | null;
  created_at: string;
  updated_at: string;
  parent_instance_id: string | null;
  parent_execution_id: string | null;
  parent_task_id: number | null;
}

export interface InboxRow {
  id: number;
  instance_id: string;
  execution_id: string | null;
  visible_at: number;
  timer_id: number | null;
  event: string;
}

export interface ActivityRow {
  id: number;
  instance_id: string;
  execution_id: string;
  task_id: number;
  name: string;
  input: string | null;
  attempts: number;
}

export interface InstanceQuery {
  statuses?: string[];
  createdFrom?: string;
  createdTo?: string;
  /** Instance id prefix. */
  prefix?: string;
  after?: { createdAt: string; instanceId: string };
  limit: number;
}

/**
 * How commits reach the disk: `full` (default) fsyncs the WAL at every commit, so a commit survives an OS crash or
 * power loss; `normal` only at checkpoints (a killed process loses nothing, an OS crash may lose the last commits).
 * Group commit (WriteBatcher) keeps `full` cheap: one fsync per batch.
 */
export type Durability = 'full' | 'normal';

/**
 * The durable state in SQLite (WAL, synchronous FULL by default). Statements are prepared once; callers group
 * writes with {@link DurableStore.transaction}.
 */
export class DurableStore {
  readonly db: Database.Database;
  /** Durable entities (same database, same transactions). */
  readonly entities: EntityStore;
  private readonly s;

  constructor(
    file: string,
    readonly durability: Durability = 'full',
  ) {
    ensurePrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    // Deleted rows (purged instances: their inputs and outputs) are overwritten, not left in free pages.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000'); // opening and creating the schema may wait for another connection
    // Fewer, larger checkpoints (each one fsyncs the database file).
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.exec(schemaSql);
    this.entities = new EntityStore(this.db);
    // From here a locked database fails fast (SQLITE_BUSY) and WriteBatcher retries asynchronously: SQLite's busy
    // handler would block the event loop (and every HTTP request) for as long as another process holds the lock.
    this.db.pragma('busy_timeout = 0');
    const p = (sql: string) => this.db.prepare(sql);
    this.s = {
      getInstance: p('SELECT * FROM instances WHERE instance_id = ?'),
      upsertInstance: p(`INSERT OR REPLACE INTO instances (instance_id, name, execution_id, status, input, output,
        custom_status, failure, created_at, updated_at, parent_instance_id, parent_execution_id, parent_task_id)
        VALUES (@instance_id, @name, @execution_id, @status, @input, @output, @custom_status, @failure, @created_at,
        @updated_at, @parent_instance_id, @parent_execution_id, @parent_task_id)`),
      updateInstance: p(`UPDATE instances SET status = @status, output = @output, custom_status = @custom_status,
        failure = @failure, updated_at = @updated_at, input = @input, execution_id = @execution_id
        WHERE instance_id = @instance_id`),
      deleteInstance: p('DELETE FROM instances WHERE instance_id = ?'),
      history: p('SELECT event FROM history WHERE instance_id = ? ORDER BY seq'),
      appendHistory: p('INSERT INTO history (instance_id, seq, event) VALUES (?, ?, ?)'),
      deleteHistory: p('DELETE FROM history WHERE instance_id = ?'),
      inboxFor: p('SELECT * FROM inbox WHERE instance_id = ? AND visible_at <= ? ORDER BY id'),
      enqueue: p('INSERT INTO inbox (instance_id, execution_id, visible_at, timer_id, event) VALUES (?, ?, ?, ?, ?)'),
      deleteInbox: p('DELETE FROM inbox WHERE id = ?'),
      deleteInboxFor: p('DELETE FROM inbox WHERE instance_id = ?'),
      deleteTimer: p('DELETE FROM inbox WHERE instance_id = ? AND execution_id = ? AND timer_id = ?'),
      readyInstances: p('SELECT DISTINCT instance_id FROM inbox WHERE visible_at <= ?'),
      nextVisible: p('SELECT MIN(visible_at) AS t FROM inbox WHERE visible_at > ?'),
      addActivity: p('INSERT INTO activities (instance_id, execution_id, task_id, name, input) VALUES (?, ?, ?, ?, ?)'),
      leaseActivity: p('UPDATE activities SET attempts = attempts + 1, leased_until = ? WHERE id = ?'),
      deleteActivity: p('DELETE FROM activities WHERE id = ?'),
      deleteActivitiesFor: p('DELETE FROM activities WHERE instance_id = ?'),
      allActivities: p(
        'SELECT id, instance_id, execution_id, task_id, name, input, attempts FROM activities ORDER BY id',
      ),
      countsByStatus: p('SELECT status, COUNT(*) AS n FROM instances GROUP BY status'),
    };
  }

  /** Runs `fn` in one transaction (a savepoint when nested). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getInstance(id: string): InstanceRow | undefined {
    return this.s.getInstance.get(id) as InstanceRow | undefined;
  }

  putInstance(row: InstanceRow): void {
    this.s.upsertInstance.run(row);
  }

  updateInstance(row: InstanceRow): void {
    this.s.updateInstance.run(row);
  }

  loadHistory(id: string): HistoryEvent[] {
    return (this.s.history.all(id) as { event: string }[]).flatMap((r) => JSON.parse(r.event) as HistoryEvent[]);
  }

  /** Appends one episode's events as one row (keyed by the index of its first event). */
  appendHistory(id: string, startSeq: number, events: HistoryEvent[]): void {
    if (events.length > 0) this.s.appendHistory.run(id, startSeq, JSON.stringify(events));
  }

  /** Removes the instance's history, messages and pending activities (a new execution or a purge). */
  clearInstance(id: string, removeRow: boolean): void {
    this.s.deleteHistory.run(id);
    this.s.deleteInboxFor.run(id);
    this.s.deleteActivitiesFor.run(id);
    if (removeRow) this.s.deleteInstance.run(id);
  }

  resetHistory(id: string): void {
    this.s.deleteHistory.run(id);
  }

  inboxFor(id: string, nowMs: number): InboxRow[] {
    return this.s.inboxFor.all(id, nowMs) as InboxRow[];
  }

  enqueue(id: string, executionId: string | null, event: HistoryEvent, visibleAt: number, timerId?: number): void {
    this.s.enqueue.run(id, executionId, visibleAt, timerId ?? null, JSON.stringify(event));
  }

  deleteInbox(rowId: number): void {
    this.s.deleteInbox.run(rowId);
  }

  deleteTimer(id: string, executionId: string, timerId: number): void {
    this.s.deleteTimer.run(id, executionId, timerId);
  }

  readyInstances(nowMs: number): string[] {
    return (this.s.readyInstances.all(nowMs) as { instance_id: string }[]).map((r) => r.instance_id);
  }

  nextVisibleAfter(nowMs: number): number | undefined {
    const row = this.s.nextVisible.get(nowMs) as { t: number | null };
    return row.t ?? undefined;
  }

  addActivity(id: string, executionId: string, taskId: number, name: string, input: string | undefined): number {
    return Number(this.s.addActivity.run(id, executionId, taskId, name, input ?? null).lastInsertRowid);
  }

  leaseActivity(rowId: number, untilMs: number): void {
    this.s.leaseActivity.run(untilMs, rowId);
  }

  deleteActivity(rowId: number): void {
    this.s.deleteActivity.run(rowId);
  }

  /** Every activity not yet completed: after a restart, all of them are due again (at-least-once). */
  pendingActivities(): ActivityRow[] {
    return this.s.allActivities.all() as ActivityRow[];
  }

  countsByStatus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.countsByStatus.all() as { status: string; n: number }[]) out[r.status] = r.n;
    return out;
  }

  queryInstances(q: InstanceQuery): InstanceRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.statuses && q.statuses.length > 0) {
      where.push(`status IN (${q.statuses.map(() => '?').join(',')})`);
      args.push(...q.statuses);
    }
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (q.createdFrom) add('created_at >= ?', q.createdFrom);
    if (q.createdTo) add('created_at <= ?', q.createdTo);
    if (q.prefix) add('substr(instance_id, 1, ?) = ?', q.prefix.length, q.prefix);
    if (q.after) {
      where.push('(created_at > ? OR (created_at = ? AND instance_id > ?))');
      args.push(q.after.createdAt, q.after.createdAt, q.after.instanceId);
    }
    const sql = `SELECT * FROM instances ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY created_at, instance_id LIMIT ?`;
    return this.db.prepare(sql).all(...args, q.limit) as InstanceRow[];
  }

  close(): void {
    this.db.close();
  }
}
