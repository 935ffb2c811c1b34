import { EventType, type HistoryEvent, historyEvent } from './historyEvent';
import { ActionType, type ActionWire, encodeActionInput, type OrchestratorStateWire } from './orchestratorState';
import { ReplayError } from './replayError';
import { compoundNode, type ReplayOps, retryNode } from './replayNodes';

/** Name of the built-in activity that performs `callHttp` requests, as in the Durable extension. */
export const HTTP_ACTIVITY = 'BuiltIn::HttpActivity';

export interface ReplayInput {
  instanceId: string;
  /** The whole history the orchestrator just saw, this episode's OrchestratorStarted and new events included. */
  history: HistoryEvent[];
  state: OrchestratorStateWire;
}

export interface ReplayOutput {
  /** New TaskScheduled / TimerCreated / SubOrchestrationInstanceCreated events, EventIds assigned, in order. */
  scheduled: HistoryEvent[];
  activities: { taskId: number; name: string; input?: string }[];
  timers: { timerId: number; fireAt: string }[];
  subOrchestrations: { taskId: number; name: string; instanceId: string; input?: string }[];
  /** Completions the engine must deliver without running anything (retries past their retry timeout). */
  synthetic: HistoryEvent[];
  /** Pending timers the orchestrator cancelled (e.g. the loser of a Task.any race). */
  canceledTimers: number[];
  continueAsNew?: { input?: string };
  /** EventRaised events no waiter consumed (carried over to the next generation on continueAsNew). */
  unconsumedEvents: HistoryEvent[];
}

export { ReplayError };

export interface Node {
  done: boolean;
  ok: boolean;
  result?: HistoryEvent;
  parent?: Parent;
}
export interface Parent extends Node {
  childSettled(child: Node): void;
}
export interface Leaf extends Node {
  kind: 'activity' | 'timer' | 'sub' | 'event';
  id: number;
  action: ActionWire;
  name?: string;
  /** For retried attempts past the retry timeout: fail at once with this completion. */
  failWith?: HistoryEvent;
}

const schedulingTypes = new Set<number>([
  EventType.TaskScheduled,
  EventType.TimerCreated,
  EventType.SubOrchestrationInstanceCreated,
]);

/**
 * Replays the orchestrator's actions against its history the way the Durable Task Framework does for an
 * out-of-process orchestrator (schema V2: one action per yield, compound WhenAll/WhenAny): EventIds are assigned in
 * the order tasks are awaited, retries add TaskFailed → TimerCreated → TimerFired → TaskScheduled, and only actions
 * not yet in the history are scheduled. Pure: returns what the engine must persist and dispatch.
 */
export function replayActions(input: ReplayInput): ReplayOutput {
  return new Replayer(input).run();
}

class Replayer {
  private nextId = 0;
  private now = '';
  private readonly existing = new Map<number, HistoryEvent>();
  private readonly open = new Map<number, Leaf>();
  private readonly deferred = new Map<string, HistoryEvent[]>();
  private readonly waiters = new Map<string, Leaf[]>();
  private readonly top: ActionWire[];
  private topIndex = 0;
  private topNode?: Node;
  private readonly out: ReplayOutput = {
    scheduled: [],
    activities: [],
    timers: [],
    subOrchestrations: [],
    synthetic: [],
    canceledTimers: [],
    unconsumedEvents: [],
  };

  /** What compound and retry nodes may do (see replayNodes.ts). */
  private readonly ops: ReplayOps = {
    now: () => this.now,
    build: (action, parent) => this.build(action, parent),
    leaf: (action, parent) => this.leaf(action, parent),
    start: (node) => this.start(node),
    startLeaf: (leaf) => this.startLeaf(leaf),
    settle: (node, ok, result) => this.settle(node, ok, result),
  };

  constructor(private readonly input: ReplayInput) {
    this.top = input.state.actions.flat();
  }

  run(): ReplayOutput {
    for (const e of this.input.history) if (schedulingTypes.has(e.EventType)) this.existing.set(e.EventId, e);
    for (const e of this.input.history) {
      switch (e.EventType) {
        case EventType.OrchestratorStarted:
          if (e.Timestamp > this.now) this.now = e.Timestamp;
          break;
        case EventType.ExecutionStarted:
          this.advanceTop();
          break;
        case EventType.TaskCompleted:
        case EventType.SubOrchestrationInstanceCompleted:
          this.deliver(String(e.TaskScheduledId), e, true);
          break;
        case EventType.TaskFailed:
        case EventType.SubOrchestrationInstanceFailed:
          this.deliver(String(e.TaskScheduledId), e, false);
          break;
        case EventType.TimerFired:
          this.deliver(String(e.TimerId), e, true);
          break;
        case EventType.EventRaised:
          this.deliver(`event:${e.Name ?? ''}`, e, true);
          break;
        default:
          break;
      }
    }
    for (const [key, events] of this.deferred) if (key.startsWith('event:')) this.out.unconsumedEvents.push(...events);
    return this.out;
  }

  private advanceTop(): void {
    while (this.topIndex < this.top.length) {
      const action = this.top[this.topIndex++] as ActionWire;
      if (action.actionType === ActionType.ContinueAsNew) {
        this.out.continueAsNew = { input: encodeActionInput(action.input) };
        continue;
      }
      const node = this.build(action);
      this.topNode = node;
      this.start(node);
      if (!node.done) return;
    }
  }

  private build(action: ActionWire, parent?: Parent): Node {
    switch (action.actionType) {
      case ActionType.CallActivity:
      case ActionType.CallHttp:
      case ActionType.CreateTimer:
      case ActionType.CallSubOrchestrator:
      case ActionType.WaitForExternalEvent:
        return this.leaf(action, parent);
      case ActionType.CallActivityWithRetry:
      case ActionType.CallSubOrchestratorWithRetry:
        return this.retry(action, parent);
      case ActionType.WhenAll:
      case ActionType.WhenAny:
        return this.compound(action, parent);
      case ActionType.CallEntity:
      case ActionType.SignalEntity:
      case ActionType.LockEntities:
      case ActionType.ReleaseEntities:
        throw new ReplayError(
          'Durable entities (callEntity, signalEntity, locks) are not supported yet by the embedded host.',
        );
      default:
        throw new ReplayError(`Unknown orchestrator action type ${String(action.actionType)}.`);
    }
  }

  private leaf(action: ActionWire, parent?: Parent): Leaf {
    const t = action.actionType;
    const kind: Leaf['kind'] =
      t === ActionType.CreateTimer
        ? 'timer'
        : t === ActionType.WaitForExternalEvent
          ? 'event'
          : t === ActionType.CallSubOrchestrator || t === ActionType.CallSubOrchestratorWithRetry
            ? 'sub'
            : 'activity';
    const name = t === ActionType.CallHttp ? HTTP_ACTIVITY : (action.functionName ?? action.externalEventName);
    return { kind, id: -1, action, name, done: false, ok: true, parent };
  }

  private start(node: Node): void {
    if ('kind' in node) this.startLeaf(node as Leaf);
    else (node as unknown as { start(): void }).start();
  }

  private startLeaf(leaf: Leaf): void {
    if (leaf.kind === 'event') {
      const key = `event:${leaf.name ?? ''}`;
      const list = this.waiters.get(key) ?? [];
      list.push(leaf);
      this.waiters.set(key, list);
      this.applyDeferred(key);
      return;
    }
    const id = this.nextId++;
    leaf.id = id;
    this.open.set(id, leaf);
    const prior = this.existing.get(id);
    if (prior) this.checkSame(prior, leaf);
    else this.schedule(leaf);
    this.applyDeferred(String(id));
  }

  private schedule(leaf: Leaf): void {
    const { action, id } = leaf;
    const ts = this.now;
    if (leaf.kind === 'timer') {
      const fireAt = new Date(action.fireAt ?? ts).toISOString();
      this.out.scheduled.push(historyEvent(EventType.TimerCreated, ts, { EventId: id, FireAt: fireAt }));
      if (action.isCanceled) return;
      this.out.timers.push({ timerId: id, fireAt });
    } else if (leaf.kind === 'sub') {
      const instanceId = action.instanceId || `${this.input.instanceId}:${id.toString(16).padStart(4, '0')}`;
      const input = action.input === undefined ? undefined : JSON.stringify(action.input);
      const name = leaf.name ?? '';
      this.out.scheduled.push(
        historyEvent(EventType.SubOrchestrationInstanceCreated, ts, {
          EventId: id,
          Name: name,
          InstanceId: instanceId,
          Input: input,
        }),
      );
      if (leaf.failWith) this.out.synthetic.push({ ...leaf.failWith, TaskScheduledId: id, Timestamp: ts });
      else this.out.subOrchestrations.push({ taskId: id, name, instanceId, input });
    } else {
      const name = leaf.name ?? '';
      const input = leaf.name === HTTP_ACTIVITY ? JSON.stringify(action.httpRequest) : encodeActionInput(action.input);
      this.out.scheduled.push(historyEvent(EventType.TaskScheduled, ts, { EventId: id, Name: name, Input: input }));
      if (leaf.failWith) this.out.synthetic.push({ ...leaf.failWith, TaskScheduledId: id, Timestamp: ts });
      else this.out.activities.push({ taskId: id, name, input });
    }
  }

  private checkSame(prior: HistoryEvent, leaf: Leaf): void {
    const expected =
      leaf.kind === 'timer'
        ? EventType.TimerCreated
        : leaf.kind === 'sub'
          ? EventType.SubOrchestrationInstanceCreated
          : EventType.TaskScheduled;
    if (prior.EventType !== expected || (leaf.kind !== 'timer' && prior.Name !== leaf.name)) {
      throw new ReplayError(
        `Non-deterministic workflow detected: the orchestrator now schedules ${leaf.kind} '${leaf.name ?? 'timer'}' ` +
          `with EventId ${leaf.id}, but the history has ${prior.Name ?? 'a timer'} there.`,
      );
    }
    if (leaf.kind === 'timer' && leaf.action.isCanceled && !leaf.done) this.out.canceledTimers.push(leaf.id);
  }

  private deliver(key: string, e: HistoryEvent, ok: boolean): void {
    let leaf: Leaf | undefined;
    if (key.startsWith('event:')) {
      leaf = this.waiters.get(key)?.pop();
      if (this.waiters.get(key)?.length === 0) this.waiters.delete(key);
    } else {
      leaf = this.open.get(Number(key));
      if (leaf) this.open.delete(Number(key));
    }
    if (!leaf) {
      const list = this.deferred.get(key) ?? [];
      list.push(e);
      this.deferred.set(key, list);
      return;
    }
    this.settle(leaf, ok, e);
  }

  private applyDeferred(key: string): void {
    const list = this.deferred.get(key);
    const e = list?.shift();
    if (!e) return;
    if (list?.length === 0) this.deferred.delete(key);
    const ok = e.EventType !== EventType.TaskFailed && e.EventType !== EventType.SubOrchestrationInstanceFailed;
    this.deliver(key, e, ok);
  }

  private settle(node: Node, ok: boolean, result?: HistoryEvent): void {
    if (node.done) return;
    node.done = true;
    node.ok = ok;
    node.result = result;
    if (node.parent) node.parent.childSettled(node);
    else if (node === this.topNode) this.advanceTop();
  }

  private compound(action: ActionWire, parent?: Parent): Node {
    return compoundNode(this.ops, action, parent);
  }

  private retry(action: ActionWire, parent?: Parent): Node {
    return retryNode(this.ops, action, parent);
  }
}
