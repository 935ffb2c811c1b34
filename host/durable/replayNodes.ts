import type { HistoryEvent } from './historyEvent';
import { ActionType, type ActionWire } from './orchestratorState';
import type { Leaf, Node, Parent } from './replayActions';
import { ReplayError } from './replayError';
import { retryDelay } from './retryDelay';

/** The replayer's operations compound and retry nodes use. */
export interface ReplayOps {
  /** The current orchestration time (latest OrchestratorStarted replayed). */
  now(): string;
  build(action: ActionWire, parent?: Parent): Node;
  leaf(action: ActionWire, parent?: Parent): Leaf;
  start(node: Node): void;
  startLeaf(leaf: Leaf): void;
  settle(node: Node, ok: boolean, result?: HistoryEvent): void;
}

/** A WhenAll (fails at the first failure) or WhenAny (settles at the first child) node, as durable-functions. */
export function compoundNode(ops: ReplayOps, action: ActionWire, parent?: Parent): Node {
  const isAll = action.actionType === ActionType.WhenAll;
  const children: Node[] = [];
  const node: Parent & { start(): void } = {
    done: false,
    ok: true,
    parent,
    start: () => {
      // Every child is started (and gets its id) even after a WhenAny settled, as durable-functions tracks them.
      for (const child of children) ops.start(child);
    },
    childSettled: (child) => {
      if (node.done) return;
      if (!isAll) ops.settle(node, true, child.result);
      else if (!child.ok) ops.settle(node, false, child.result);
      else if (children.every((c) => c.done && c.ok)) ops.settle(node, true);
    },
  };
  for (const a of action.compoundActions ?? []) children.push(ops.build(a, node));
  if (children.length === 0) throw new ReplayError('Task.all/Task.any needs at least one task.');
  return node;
}

/**
 * A retried activity or sub-orchestration, as durable-functions' RetryableTask and DTF's RetryInterceptor: after a
 * failure a timer (next id), when it fires a new attempt (next id) or, past the attempts, the last failure. Past the
 * retry timeout the timer is immediate and further attempts fail at once without running.
 */
export function retryNode(ops: ReplayOps, action: ActionWire, parent?: Parent): Node {
  const options = action.retryOptions ?? { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 1 };
  let attempt = 1;
  let failures = 0;
  let waitingOnTimer = false;
  let firstAttemptMs = 0;
  let timedOut = false;
  let lastFailure: HistoryEvent | undefined;
  const node: Parent & { start(): void } = {
    done: false,
    ok: true,
    parent,
    start: () => {
      firstAttemptMs = Date.parse(ops.now());
      ops.startLeaf(ops.leaf(action, node) as Leaf);
    },
    childSettled: (child) => {
      if (waitingOnTimer) {
        waitingOnTimer = false;
        if (attempt > options.maxNumberOfAttempts) ops.settle(node, false, lastFailure);
        else {
          const next = ops.leaf(action, node);
          if (timedOut) next.failWith = lastFailure;
          ops.startLeaf(next);
        }
      } else if (child.ok) {
        ops.settle(node, true, child.result);
      } else {
        lastFailure = child.result;
        failures++;
        attempt++;
        waitingOnTimer = true;
        const nowMs = Date.parse(ops.now());
        const delay = retryDelay(options, failures, firstAttemptMs, nowMs);
        if (delay === 0) timedOut = true;
        const fireAt = new Date(nowMs + delay).toISOString();
        ops.startLeaf({
          kind: 'timer',
          id: -1,
          action: { actionType: ActionType.CreateTimer, fireAt },
          done: false,
          ok: true,
          parent: node,
        });
      }
    },
  };
  return node;
}
