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

/** Schema V3 timer limits, as the extension hands them to the orchestrator (Azure Storage's). */
export interface TimerLimits {
  /** Longer timers are split (`maximumShortTimerDuration`, 6 days). */
  maxShortMs: number;
  /** Length of each intermediate timer (`longRunningTimerIntervalDuration`, 3 days). */
  intervalMs: number;
}

/**
 * A timer longer than the provider's maximum, split as the extension (and durable-functions' LongTimerTask) do:
 * intermediate timers of `intervalMs` (each its own TimerCreated/TimerFired with a new id) until the remaining
 * time fits, then the final one.
 */
export function longTimerNode(ops: ReplayOps, action: ActionWire, limits: TimerLimits, parent?: Parent): Node {
  const finalMs = Date.parse(action.fireAt ?? ops.now());
  const child = (nowMs: number) => {
    const fireAt = finalMs - nowMs > limits.maxShortMs ? nowMs + limits.intervalMs : finalMs;
    const timer = { actionType: ActionType.CreateTimer, fireAt: new Date(fireAt).toISOString() };
    return ops.leaf({ ...timer, isCanceled: action.isCanceled }, node);
  };
  const node: Parent & { start(): void } = {
    done: false,
    ok: true,
    parent,
    start: () => ops.startLeaf(child(Date.parse(ops.now()))),
    childSettled: (settled) => {
      const nowMs = Date.parse(ops.now());
      if (finalMs > nowMs) ops.startLeaf(child(nowMs));
      else ops.settle(node, true, settled.result);
    },
  };
  return node;
}

/** A header of a durable HTTP response, looked up case-insensitively (as DurableHttpResponse.getHeader). */
function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}

/**
 * `callHttp` with the asynchronous pattern under schema V3, polled by the orchestration as the extension does:
 * each request is one BuiltIn::HttpActivity (which never polls itself); a 202 with Location is followed by a durable
 * timer (Retry-After, else `defaultSleepMs`) and a GET of the Location, until another status arrives.
 */
export function httpPollingNode(ops: ReplayOps, action: ActionWire, defaultSleepMs: number, parent?: Parent): Node {
  const request = action.httpRequest ?? { method: 'GET', uri: '' };
  let location: string | undefined;
  const call = (req: typeof request) =>
    ops.leaf({ actionType: ActionType.CallHttp, httpRequest: { ...req, asynchronousPatternEnabled: false } }, node);
  const node: Parent & { start(): void } = {
    done: false,
    ok: true,
    parent,
    start: () => ops.startLeaf(call(request)),
    childSettled: (child) => {
      if (!child.ok) return ops.settle(node, false, child.result);
      if (location !== undefined) {
        const uri = location;
        location = undefined;
        return ops.startLeaf(call({ method: 'GET', uri, headers: request.headers }));
      }
      const response = JSON.parse(child.result?.Result ?? 'null') as {
        statusCode?: number;
        headers?: Record<string, string>;
      } | null;
      const next = header(response?.headers, 'location');
      if (response?.statusCode !== 202 || !next) return ops.settle(node, true, child.result);
      location = new URL(next, request.uri).href;
      const retryAfter = Number(header(response.headers, 'retry-after'));
      const delay = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : defaultSleepMs;
      const fireAt = new Date(Date.parse(ops.now()) + delay).toISOString();
      ops.startLeaf(ops.leaf({ actionType: ActionType.CreateTimer, fireAt }, node));
    },
  };
  return node;
}
