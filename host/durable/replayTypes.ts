import type { EntityRequest } from './entityMessages';
import type { HistoryEvent } from './historyEvent';
import type { ActionWire, OrchestratorStateWire } from './orchestratorState';
import type { TimerLimits } from './replayNodes';

/** Types of the replayer (replayActions.ts) and its nodes (replayNodes.ts). */
export interface ReplayInput {
  instanceId: string;
  /** The current execution's id (derived sub-orchestration ids use it); the instance id when not given. */
  executionId?: string;
  /** The whole history the orchestrator just saw, this episode's OrchestratorStarted and new events included. */
  history: HistoryEvent[];
  state: OrchestratorStateWire;
  /** Schema V3 behaviour (long timers split, callHttp polled by the orchestration); off = schema V2. */
  schemaV3?: { timers: TimerLimits; httpSleepMs: number };
}

export interface ReplayOutput {
  /** New TaskScheduled / TimerCreated / SubOrchestrationInstanceCreated / EventSent events, in order. */
  scheduled: HistoryEvent[];
  activities: { taskId: number; name: string; input?: string }[];
  timers: { timerId: number; fireAt: string }[];
  subOrchestrations: { taskId: number; name: string; instanceId: string; input?: string }[];
  /** Messages to entities (calls, signals, lock requests and releases). */
  entityMessages: { target: string; request: EntityRequest }[];
  /** Entities this orchestration still holds locked when the replay ends (released if it finishes). */
  heldLocks: string[];
  /** Completions the engine must deliver without running anything (retries past their retry timeout). */
  synthetic: HistoryEvent[];
  /** Pending timers the orchestrator cancelled (e.g. the loser of a Task.any race). */
  canceledTimers: number[];
  continueAsNew?: { input?: string };
}

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
  kind: 'activity' | 'timer' | 'sub' | 'event' | 'entity' | 'signal' | 'lock' | 'release';
  id: number;
  action: ActionWire;
  name?: string;
  /** Entity leaves: the entity's scheduler id and the request sent to it. */
  target?: string;
  request?: EntityRequest;
  /** For retried attempts past the retry timeout: fail at once with this completion. */
  failWith?: HistoryEvent;
}
