import type { FunctionInvoker, HostLogger } from '../types';
import { runActivity } from './activity';
import type { ActivityRow, DurableStore } from './durableStore';
import { defaultEngineOptions, type EngineContext, type EngineOptions } from './engineContext';
import { runEpisode } from './episode';
import { HistoryCache } from './historyCache';
import { WriteBatcher } from './writeBatcher';

/** How often due work is swept up regardless of in-memory wake-ups. */
const SWEEP_MS = 1_000;
/** setTimeout's upper bound; longer timers re-arm (durable timers can be months away). */
const MAX_TIMEOUT_MS = 2_147_000_000;

export interface EngineInit {
  store: DurableStore;
  invoker: FunctionInvoker;
  log: HostLogger;
  options?: Partial<EngineOptions>;
  /** A fake clock: timers are then fired only by {@link DurableEngine.runUntilIdle}. */
  clock?: () => number;
}

/**
 * The Durable engine: dispatches orchestrator episodes and activities from the SQLite store with bounded
 * concurrency, fires durable timers, and exposes the context the management commands use.
 */
export class DurableEngine {
  readonly ctx: EngineContext;
  private readonly ready = new Set<string>();
  private readonly running = new Set<string>();
  private readonly activityQueue: ActivityRow[] = [];
  private activeActivities = 0;
  private pumpScheduled = false;
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private sweeper?: NodeJS.Timeout;
  private stopped = true;
  private readonly manualClock: boolean;
  private idleWaiters: (() => void)[] = [];
  private readonly fnTypes = new Map<string, string>();
  private readonly triggerNames = new Map<string, string>();
  /** Counters for benchmarks and the dashboard. */
  readonly stats = { episodes: 0, activities: 0 };

  constructor(init: EngineInit) {
    this.manualClock = init.clock !== undefined;
    const clock = init.clock ?? Date.now;
    const options = { ...defaultEngineOptions, ...init.options };
    for (const f of init.invoker.functions()) {
      this.fnTypes.set(f.name, f.trigger.type);
      this.triggerNames.set(f.name, f.trigger.name);
    }
    this.ctx = {
      store: init.store,
      batcher: new WriteBatcher(init.store),
      invoker: init.invoker,
      log: init.log,
      now: clock,
      historyCache: new HistoryCache(options.historyCacheSize),
      options,
      functionType: (name) => this.fnTypes.get(name),
      triggerName: (name) => this.triggerNames.get(name),
      markReady: (ids) => {
        for (const id of ids) this.ready.add(id);
        this.schedulePump();
      },
      enqueueActivities: (rows) => {
        this.activityQueue.push(...rows);
        if (rows.length > 0) this.schedulePump();
      },
      timerAdded: (at) => this.armTimer(at),
    };
  }

  /** Loads due work (pending activities are due again after a restart) and starts dispatching. */
  start(): void {
    this.stopped = false;
    this.activityQueue.push(...this.ctx.store.pendingActivities());
    this.ctx.markReady(this.ctx.store.readyInstances(this.ctx.now()));
    this.armNextTimer();
    // A safety net, as DTF's providers poll their queues: every due message is picked up within a sweep even if an
    // in-memory wake-up was lost (a rare stall of a polled job under load, cause not yet found, was seen in tests).
    if (!this.manualClock) {
      this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
      this.sweeper.unref();
    }
  }

  /** Marks every instance with a due message ready and re-arms the next timer (one indexed query). */
  private sweep(): void {
    if (this.stopped) return;
    const due = this.ctx.store
      .readyInstances(this.ctx.now())
      .filter((id) => !this.ready.has(id) && !this.running.has(id));
    if (due.length > 0) this.ctx.markReady(due);
    this.armNextTimer();
  }

  /** Stops dispatching and waits for the work in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweeper) clearInterval(this.sweeper);
    while (this.running.size > 0 || this.activeActivities > 0) await new Promise((r) => setTimeout(r, 10));
    this.ctx.batcher.flush();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.stopped) return;
    this.pumpScheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    if (this.stopped) return;
    const o = this.ctx.options;
    for (const id of this.ready) {
      if (this.running.size >= o.maxConcurrentOrchestratorFunctions) break;
      if (this.running.has(id)) continue;
      this.ready.delete(id);
      this.running.add(id);
      runEpisode(this.ctx, id)
        .catch((e: unknown) => {
          // Nothing was committed: the messages are still in the inbox. Try again shortly (e.g. a busy database).
          this.ctx.log.error('durable episode failed', {
            instanceId: id,
            error: e instanceof Error ? e.name : 'error',
          });
          setTimeout(() => this.ctx.markReady([id]), 1000).unref();
        })
        .finally(() => {
          this.stats.episodes++;
          this.running.delete(id);
          this.schedulePump();
          this.checkIdle();
        });
    }
    while (this.activeActivities < o.maxConcurrentActivityFunctions && this.activityQueue.length > 0) {
      const item = this.activityQueue.shift() as ActivityRow;
      this.activeActivities++;
      runActivity(this.ctx, item)
        .catch((e: unknown) => {
          // The result could not be committed after retries: the work item stays in the store and runs again
          // after a restart (at-least-once); running it again now would repeat user code for a storage problem.
          const error = e instanceof Error ? e.name : 'error';
          this.ctx.log.error('durable activity commit failed', { instanceId: item.instance_id, error });
        })
        .finally(() => {
          this.stats.activities++;
          this.activeActivities--;
          this.schedulePump();
          this.checkIdle();
        });
    }
    this.checkIdle();
  }

  private armTimer(at: number): void {
    if (this.manualClock || this.stopped || at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    const delay = Math.min(Math.max(0, at - this.ctx.now()), MAX_TIMEOUT_MS);
    this.timer = setTimeout(() => {
      this.timerAt = Infinity;
      this.timer = undefined;
      this.ctx.markReady(this.ctx.store.readyInstances(this.ctx.now()));
      this.armNextTimer();
    }, delay);
    this.timer.unref();
  }

  private armNextTimer(): void {
    const next = this.ctx.store.nextVisibleAfter(this.ctx.now());
    if (next !== undefined) this.armTimer(next);
  }

  private isIdle(): boolean {
    return (
      this.running.size === 0 && this.activeActivities === 0 && this.activityQueue.length === 0 && this.ready.size === 0
    );
  }

  private checkIdle(): void {
    if (!this.isIdle() || this.pumpScheduled) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when nothing is running or due. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.schedulePump();
      setImmediate(() => this.checkIdle());
    });
  }

  /**
   * With a fake clock: runs until idle, then advances the clock to the next timer and repeats, until no work is
   * left. `advance(ms)` moves the fake clock. Returns the number of timer jumps.
   */
  async runUntilIdle(advance: (toMs: number) => void, maxJumps = 1000): Promise<number> {
    let jumps = 0;
    for (;;) {
      await this.whenIdle();
      const next = this.ctx.store.nextVisibleAfter(this.ctx.now());
      if (next === undefined || jumps >= maxJumps) return jumps;
      advance(next);
      jumps++;
      this.ctx.markReady(this.ctx.store.readyInstances(this.ctx.now()));
    }
  }
}
