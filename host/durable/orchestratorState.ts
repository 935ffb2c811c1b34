/**
 * The `OrchestratorState` an out-of-process orchestrator returns (durable-functions' wire shape), and how the host
 * reads it back from an invocation result or a failure.
 */

/** Action types as numbered by durable-functions (`ActionType`). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

export interface RetryOptionsWire {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

export interface DurableHttpRequestWire {
  method: string;
  uri: string;
  content?: string;
  headers?: Record<string, string>;
  asynchronousPatternEnabled?: boolean;
  /** Managed identity token source (`{resource, kind: 'AzureManagedIdentity'}`). */
  tokenSource?: { resource?: string; kind?: string };
}

/** One action (union of every action type's fields). */
export interface ActionWire {
  actionType: number;
  functionName?: string;
  input?: unknown;
  retryOptions?: RetryOptionsWire;
  instanceId?: string;
  fireAt?: string;
  isCanceled?: boolean;
  externalEventName?: string;
  httpRequest?: DurableHttpRequestWire;
  compoundActions?: ActionWire[];
  /** CallEntity / SignalEntity: the operation name (`instanceId` is the entity's scheduler id). */
  operation?: string;
  /** LockEntities: the entities to lock and the request id the grant answers. */
  lockSet?: { name: string; key: string }[];
  lockRequestId?: string;
}

export interface OrchestratorStateWire {
  isDone: boolean;
  actions: ActionWire[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
  schemaVersion?: number;
}

const outOfProcLabel = '$OutOfProcData$:';

function isState(value: unknown): value is OrchestratorStateWire {
  return typeof value === 'object' && value !== null && Array.isArray((value as { actions?: unknown }).actions);
}

/** Reads the state an orchestrator returned (object or JSON text); undefined when it is not one. */
export function readOrchestratorState(result: unknown): OrchestratorStateWire | undefined {
  let value = result;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!isState(value)) return undefined;
  // Round-trip: Dates become ISO strings, class instances plain data, as on the wire.
  return JSON.parse(JSON.stringify(value)) as OrchestratorStateWire;
}

/** Reads the state durable-functions appends to an orchestrator failure (`…$OutOfProcData$:{json}`). */
export function readStateFromError(error: unknown): OrchestratorStateWire | undefined {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const at = message.indexOf(outOfProcLabel);
  if (at < 0) return undefined;
  return readOrchestratorState(message.slice(at + outOfProcLabel.length));
}

/** Encodes an action input as history text (durable-functions pre-encodes strings as JSON). */
export function encodeActionInput(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  if (typeof input === 'string') return input;
  return JSON.stringify(input);
}
