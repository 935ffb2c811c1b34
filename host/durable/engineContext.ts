import type { FunctionInvoker, HostLogger } from '../types';
import type { ActivityRow, DurableStore } from './durableStore';
import type { HistoryEvent } from './historyEvent';
import type { WriteBatcher } from './writeBatcher';

/** What the engine's parts (episodes, activities, commands) share. */
export interface EngineContext {
  store: DurableStore;
  batcher: WriteBatcher;
  invoker: FunctionInvoker;
  log: HostLogger;
  /** Milliseconds since the epoch (a fake clock in tests). */
  now(): number;
  /** History per instance as committed (filled lazily from the store). */
  historyCache: Map<string, HistoryEvent[]>;
  /** Instances whose inbox got visible messages. */
  markReady(instanceIds: Iterable<string>): void;
  /** Newly committed activity work items. */
  enqueueActivities(rows: ActivityRow[]): void;
  /** A message became visible at `atMs` (timers). */
  timerAdded(atMs: number): void;
  /** Function names by trigger type. */
  functionType(name: string): string | undefined;
  /** The trigger binding's name of a function (activity binding data names it). */
  triggerName(name: string): string | undefined;
  options: EngineOptions;
}

export interface EngineOptions {
  taskHubName: string;
  maxConcurrentActivityFunctions: number;
  maxConcurrentOrchestratorFunctions: number;
  /** Largest input/output/event payload accepted, in bytes. */
  maxPayloadBytes: number;
  /** Instances whose history stays cached in memory (least recently used evicted). */
  historyCacheSize: number;
}

export const defaultEngineOptions: EngineOptions = {
  taskHubName: 'TestHubName',
  maxConcurrentActivityFunctions: 10,
  maxConcurrentOrchestratorFunctions: 10,
  maxPayloadBytes: 1024 * 1024,
  historyCacheSize: 1000,
};

/** ISO 8601 of epoch milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A fresh execution id. */
export function newExecutionId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

/** Parses stored JSON text; undefined for null or empty. */
export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return undefined;
  return JSON.parse(text) as unknown;
}
