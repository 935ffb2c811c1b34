import { EventType, type HistoryEvent, historyEvent } from './historyEvent';

/** Splits an error into message and stack; a thrown non-Error keeps its text (its `message`, else its JSON). */
function describe(error: unknown): { message: string; stack: string; type: string } {
  if (error instanceof Error) return { message: error.message, stack: error.stack ?? '', type: error.name };
  if (typeof error === 'object' && error !== null) {
    const { message } = error as { message?: unknown };
    const text = typeof message === 'string' ? message : safeJson(error);
    return { message: text, stack: '', type: 'Error' };
  }
  return { message: String(error), stack: '', type: 'Error' };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The TaskFailed an activity failure becomes, flattened as the Functions host does for an out-of-process worker:
 * Reason `Activity function '<name>' failed: <RpcException message>`, Details the serialized exception. The
 * durable-functions orchestrator then sees `Error(Reason + " \n " + Details)`.
 */
export function activityFailed(name: string, taskId: number, error: unknown, at: string): HistoryEvent {
  const { message, stack, type } = describe(error);
  const rpcMessage = `Result: Failure\nException: ${message}\nStack: ${stack}`;
  const details = JSON.stringify({
    $type: 'Microsoft.Azure.WebJobs.Script.Workers.Rpc.RpcException, Microsoft.Azure.WebJobs.Script',
    ClassName: 'Microsoft.Azure.WebJobs.Script.Workers.Rpc.RpcException',
    Message: rpcMessage,
    RemoteMessage: message,
    RemoteStackTrace: stack,
    RemoteTypeName: type,
  });
  return historyEvent(EventType.TaskFailed, at, {
    TaskScheduledId: taskId,
    Reason: `Activity function '${name}' failed: ${rpcMessage}`,
    Details: details,
  });
}

/** TaskFailed for an activity the app does not define (the extension's TaskNonexistentActivityShim). */
export function activityMissing(name: string, taskId: number, at: string): HistoryEvent {
  const message = `Activity function '${name}' does not exist.`;
  return historyEvent(EventType.TaskFailed, at, {
    TaskScheduledId: taskId,
    Reason: `Activity function '${name}' failed: ${message}`,
    Details: JSON.stringify({
      ClassName: 'Microsoft.Azure.WebJobs.Extensions.DurableTask.FunctionFailedException',
      Message: message,
    }),
  });
}

/** TaskCompleted with the activity's return value as JSON (`null` for undefined, as the host serializes it). */
export function activityCompleted(taskId: number, result: unknown, at: string): HistoryEvent {
  return historyEvent(EventType.TaskCompleted, at, {
    TaskScheduledId: taskId,
    Result: JSON.stringify(result === undefined ? null : result),
  });
}
