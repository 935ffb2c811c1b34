/**
 * Runs durable-functions orchestrators through the real engine (SQLite in memory, fake clock). The invoker is the
 * only fake: it calls the library's own orchestrator wrapper and plain activity handlers, as the Functions host
 * would through the programming model.
 */
import { InvocationContext } from '@azure/functions';

import { DurableEngine } from '../../host/durable/durableEngine';
import { DurableStore, type InstanceRow } from '../../host/durable/durableStore';
import { EventType, eventTypeName, type HistoryEvent } from '../../host/durable/historyEvent';
import { type CommandResult, raiseEvent, startInstance } from '../../host/durable/instanceCommands';
import { readOrchestratorState, readStateFromError } from '../../host/durable/orchestratorState';
import type { FunctionInvoker, RegisteredFunctionInfo } from '../../host/types';

type Handler = (trigger: unknown, context: InvocationContext) => Promise<unknown>;
// The library's own orchestrator wrapper (what df.app.orchestration registers), without the Functions worker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createOrchestrator, createEntityFunction } = require('durable-functions/lib/src/util/testingUtils') as {
  createOrchestrator(fn: (context: never) => Generator<unknown, unknown, unknown>): Handler;
  createEntityFunction(fn: (context: never) => unknown): Handler;
};

// Orchestrator functions are written against the library's context; typed loosely on purpose (test code).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OrchestratorFn = (context: any) => Generator<unknown, unknown, any>;
export type ActivityFn = (input: unknown) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityFn = (context: any) => unknown;

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

export interface App {
  orchestrators: Record<string, OrchestratorFn>;
  activities?: Record<string, ActivityFn>;
  /** Entity functions (df.app.entity), by name. */
  entities?: Record<string, EntityFn>;
}

/** An engine over an in-memory store with a fake clock, running `app`. */
export class Harness {
  readonly store = new DurableStore(':memory:');
  readonly engine: DurableEngine;
  clock = T0;
  /** Every OrchestratorState the orchestrators returned, per instance, last one last. */
  readonly states = new Map<string, unknown[]>();

  constructor(app: App) {
    const handlers = new Map<string, { type: string; handler: Handler }>();
    for (const [name, fn] of Object.entries(app.orchestrators)) {
      handlers.set(name, { type: 'orchestrationTrigger', handler: createOrchestrator(fn as never) });
    }
    for (const [name, fn] of Object.entries(app.entities ?? {})) {
      handlers.set(name, { type: 'entityTrigger', handler: createEntityFunction(fn as never) });
    }
    for (const [name, fn] of Object.entries(app.activities ?? {})) {
      handlers.set(name, { type: 'activityTrigger', handler: async (input) => fn(input) });
    }
    const invoker: FunctionInvoker = {
      functions: () =>
        [...handlers].map(([name, h]): RegisteredFunctionInfo => ({
          name,
          trigger: { name: 'context', type: h.type, direction: 'in' },
          bindings: {},
        })),
      invoke: async (name, trigger) => {
        const h = handlers.get(name);
        if (!h) throw new Error(`no function ${name}`);
        const record = (state: unknown) => {
          const id = (trigger as { instanceId: string }).instanceId;
          this.states.set(id, [...(this.states.get(id) ?? []), state]);
        };
        try {
          const value = await h.handler(trigger, new InvocationContext({ functionName: name }));
          if (h.type === 'orchestrationTrigger') record(readOrchestratorState(value));
          return value;
        } catch (e) {
          if (h.type === 'orchestrationTrigger') record(readStateFromError(e));
          throw e;
        }
      },
    };
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    this.engine = new DurableEngine({ store: this.store, invoker, log: quiet, clock: () => this.clock });
    this.engine.start();
  }

  async start(name: string, input?: unknown, instanceId = 'inst'): Promise<CommandResult> {
    return startInstance(this.engine.ctx, name, instanceId, input === undefined ? undefined : JSON.stringify(input));
  }

  async raise(instanceId: string, name: string, data: unknown): Promise<CommandResult> {
    return raiseEvent(this.engine.ctx, instanceId, name, JSON.stringify(data));
  }

  /** Runs until nothing is due, without moving the clock. */
  async settle(): Promise<void> {
    await this.engine.whenIdle();
  }

  /** Runs to quiescence, jumping the clock to each timer. */
  async runAll(): Promise<void> {
    await this.engine.runUntilIdle((t) => (this.clock = Math.max(this.clock, t)));
  }

  instance(id = 'inst'): InstanceRow {
    const row = this.store.getInstance(id);
    if (!row) throw new Error(`no instance ${id}`);
    return row;
  }

  history(id = 'inst'): HistoryEvent[] {
    return this.store.loadHistory(id);
  }

  output(id = 'inst'): unknown {
    const out = this.instance(id).output;
    return out === null ? undefined : (JSON.parse(out) as unknown);
  }

  lastState(id = 'inst'): {
    isDone: boolean;
    actions: unknown[][];
    output?: unknown;
    error?: string;
    customStatus?: unknown;
  } {
    const all = this.states.get(id) ?? [];
    return all[all.length - 1] as never;
  }

  close(): void {
    this.store.close();
  }
}

/** Scheduling events as `TaskScheduled#0:Hello`, `TimerCreated#1`, `SubOrchestrationInstanceCreated#0:Sub`. */
export function scheduled(history: HistoryEvent[]): string[] {
  const kinds = new Set<number>([
    EventType.TaskScheduled,
    EventType.TimerCreated,
    EventType.SubOrchestrationInstanceCreated,
  ]);
  return history
    .filter((e) => kinds.has(e.EventType))
    .map((e) => `${eventTypeName(e.EventType)}#${e.EventId}${e.Name ? ':' + e.Name : ''}`);
}

/** Completion events as `TaskCompleted->0`, `TimerFired->1`, `EventRaised:name`, sorted (arrival batching varies). */
export function completions(history: HistoryEvent[]): string[] {
  const out: string[] = [];
  for (const e of history) {
    const t = eventTypeName(e.EventType);
    if (e.TaskScheduledId !== undefined) out.push(`${t}->${e.TaskScheduledId}`);
    else if (e.EventType === EventType.TimerFired) out.push(`${t}->${e.TimerId ?? -1}`);
    else if (e.EventType === EventType.EventRaised) out.push(`${t}:${e.Name ?? ''}`);
  }
  return out.sort();
}
