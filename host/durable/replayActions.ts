import type { EntityRequest } from './entityMessages';
import { EventType, type HistoryEvent } from './historyEvent';
import { ActionType, type ActionWire, encodeActionInput } from './orchestratorState';
import { ReplayError } from './replayError';
import { compoundNode, httpPollingNode, longTimerNode, type ReplayOps, retryNode } from './replayNodes';
import {
  checkSame,
  entityRequest,
  HTTP_ACTIVITY,
  lockSetOf,
  type ScheduleContext,
  scheduleLeaf,
  unclaimedError,
} from './replaySchedule';
import type { Leaf, Node, Parent, ReplayInput, ReplayOutput } from './replayTypes';

export { ReplayError };
export { HTTP_ACTIVITY };
export type { Leaf, Node, Parent, ReplayInput, ReplayOutput } from './replayTypes';

const schedulingTypes = new Set<number>([
  EventType.TaskScheduled,
  EventType.TimerCreated,
  EventType.SubOrchestrationInstanceCreated,
  EventType.EventSent,
]);
const leafKinds: Record<number, Leaf['kind']> = {
  [ActionType.CreateTimer]: 'timer',
  [ActionType.WaitForExternalEvent]: 'event',
  [ActionType.CallSubOrchestrator]: 'sub',
  [ActionType.CallSubOrchestratorWithRetry]: 'sub',
  [ActionType.CallEntity]: 'entity',
  [ActionType.SignalEntity]: 'signal',
  [ActionType.LockEntities]: 'lock',
  [ActionType.ReleaseEntities]: 'release',
};

/**
 * Replays the orchestrator's actions against its history the way the Durable Task Framework does for an
 * out-of-process orchestrator (one action per yield, compound WhenAll/WhenAny): EventIds are assigned in the order
 * tasks are awaited, retries add TaskFailed → TimerCreated → TimerFired → TaskScheduled, entity calls, signals,
 * locks and releases are EventSent, and only actions not yet in the history are scheduled. A history task the replay
 * no longer schedules is a non-deterministic workflow. Pure: returns what the engine must persist and dispatch.
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
  private held: string[] = [];
  private readonly out: ReplayOutput = {
    scheduled: [],
    activities: [],
    timers: [],
    subOrchestrations: [],
    entityMessages: [],
    heldLocks: [],
    synthetic: [],
    canceledTimers: [],
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

  private get scheduleContext(): ScheduleContext {
    const { instanceId, executionId } = this.input;
    return { instanceId, executionId: executionId ?? instanceId, now: this.now, out: this.out };
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
    for (const [id, prior] of this.existing) if (id >= this.nextId) throw unclaimedError(prior);
    this.out.heldLocks = this.held;
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
    const v3 = this.input.schemaV3;
    switch (action.actionType) {
      case ActionType.CreateTimer: {
        const untilMs = Date.parse(action.fireAt ?? this.now) - Date.parse(this.now);
        if (v3 && untilMs > v3.timers.maxShortMs) return longTimerNode(this.ops, action, v3.timers, parent);
        return this.leaf(action, parent);
      }
      case ActionType.CallHttp:
        if (v3 && action.httpRequest?.asynchronousPatternEnabled)
          return httpPollingNode(this.ops, action, v3.httpSleepMs, parent);
        return this.leaf(action, parent);
      case ActionType.CallActivity:
      case ActionType.CallSubOrchestrator:
      case ActionType.WaitForExternalEvent:
      case ActionType.CallEntity:
      case ActionType.SignalEntity:
      case ActionType.LockEntities:
      case ActionType.ReleaseEntities:
        return this.leaf(action, parent);
      case ActionType.CallActivityWithRetry:
      case ActionType.CallSubOrchestratorWithRetry:
        return retryNode(this.ops, action, parent);
      case ActionType.WhenAll:
      case ActionType.WhenAny:
        return compoundNode(this.ops, action, parent);
      default:
        throw new ReplayError(`Unknown orchestrator action type ${String(action.actionType)}.`);
    }
  }

  private leaf(action: ActionWire, parent?: Parent): Leaf {
    const t = action.actionType;
    const kind = leafKinds[t] ?? 'activity';
    const name = t === ActionType.CallHttp ? HTTP_ACTIVITY : (action.functionName ?? action.externalEventName);
    return { kind, id: -1, action, name, done: false, ok: true, parent };
  }

  private start(node: Node): void {
    if ('kind' in node) this.startLeaf(node as Leaf);
    else (node as unknown as { start(): void }).start();
  }

  private startLeaf(leaf: Leaf): void {
    if (leaf.kind === 'event') return this.await(`event:${leaf.name ?? ''}`, leaf);
    if (leaf.kind === 'release') return this.release(leaf);
    const id = this.nextId++;
    leaf.id = id;
    if (leaf.kind === 'entity' || leaf.kind === 'signal' || leaf.kind === 'lock') return this.startEntityLeaf(leaf);
    this.open.set(id, leaf);
    const prior = this.existing.get(id);
    if (prior) {
      checkSame(prior, leaf);
      if (leaf.kind === 'timer' && leaf.action.isCanceled && !leaf.done) this.out.canceledTimers.push(leaf.id);
    } else scheduleLeaf(this.scheduleContext, leaf);
    this.applyDeferred(String(id));
  }

  /** A call, signal or lock request: EventSent to the entity; calls and locks then wait for the answer. */
  private startEntityLeaf(leaf: Leaf): void {
    const lockSet = leaf.kind === 'lock' ? lockSetOf(leaf) : undefined;
    leaf.target = lockSet ? lockSet[0] : leaf.action.instanceId;
    const prior = this.existing.get(leaf.id);
    let request: EntityRequest;
    if (prior) {
      checkSame(prior, leaf);
      request = JSON.parse(prior.Input ?? '{}') as EntityRequest;
    } else {
      request = entityRequest(this.scheduleContext, leaf, lockSet);
      leaf.request = request;
      scheduleLeaf(this.scheduleContext, leaf);
    }
    if (lockSet) this.held = lockSet;
    if (leaf.kind === 'signal') this.settle(leaf, true);
    else this.await(`event:${request.id}`, leaf);
  }

  /** Releasing a lock sends one EventSent per locked entity (each consumes a sequence number). */
  private release(leaf: Leaf): void {
    for (const target of this.held) {
      const one: Leaf = { ...leaf, id: this.nextId++, target };
      const prior = this.existing.get(one.id);
      if (prior) checkSame(prior, one);
      else {
        one.request = entityRequest(this.scheduleContext, one);
        scheduleLeaf(this.scheduleContext, one);
      }
    }
    this.held = [];
    this.settle(leaf, true);
  }

  private await(key: string, leaf: Leaf): void {
    const list = this.waiters.get(key) ?? [];
    list.push(leaf);
    this.waiters.set(key, list);
    this.applyDeferred(key);
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
    // An entity operation that threw fails the call (durable-functions reads `exceptionType` the same way).
    if (leaf.kind === 'entity') ok = !(JSON.parse(e.Input ?? '{}') as { exceptionType?: string }).exceptionType;
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
}
