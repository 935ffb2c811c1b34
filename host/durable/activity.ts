import { activityCompleted, activityFailed, activityMissing } from './completionMessages';
import type { ActivityRow } from './durableStore';
import { type EngineContext, iso } from './engineContext';
import type { HistoryEvent } from './historyEvent';
import { callHttp } from './httpActivity';
import { HTTP_ACTIVITY } from './replayActions';

/** Lease length written when an activity is dispatched (informational: a restart re-dispatches every lease). */
const LEASE_MS = 5 * 60_000;
/** Commit attempts for an activity's completion (about a minute of backoff) before giving up until a restart. */
const COMMIT_ATTEMPTS = 15;

/**
 * The activity trigger's binding data, as the extension's ActivityTriggerBinding provides it (output binding paths
 * may use `{instanceId}`, `{data.field}` or `{<trigger name>.field}`).
 */
function bindingData(ctx: EngineContext, item: ActivityRow, input: unknown): Record<string, unknown> {
  const triggerName = ctx.triggerName(item.name) ?? 'input';
  return { instanceId: item.instance_id, [triggerName]: input ?? null, data: input ?? null };
}

async function execute(ctx: EngineContext, item: ActivityRow): Promise<HistoryEvent> {
  const input = item.input === null ? undefined : (JSON.parse(item.input) as unknown);
  try {
    if (item.name === HTTP_ACTIVITY) return activityCompleted(item.task_id, await callHttp(input), iso(ctx.now()));
    if (ctx.functionType(item.name) !== 'activityTrigger')
      return activityMissing(item.name, item.task_id, iso(ctx.now()));
    const result = await ctx.invoker.invoke(item.name, input, bindingData(ctx, item, input));
    const size = result === undefined ? 0 : Buffer.byteLength(JSON.stringify(result) ?? '');
    if (size > ctx.options.maxPayloadBytes) {
      const limit = ctx.options.maxPayloadBytes;
      throw new Error(`The activity result is ${size} bytes, over the durable payload limit of ${limit} bytes.`);
    }
    return activityCompleted(item.task_id, result, iso(ctx.now()));
  } catch (error) {
    return activityFailed(item.name, item.task_id, error, iso(ctx.now()));
  }
}

/**
 * Runs one activity work item and commits its completion together with the orchestrator message it wakes
 * (deleting the work item in the same transaction). At-least-once: a crash before that commit re-runs it; a
 * failed commit is retried, never the activity.
 */
export async function runActivity(ctx: EngineContext, item: ActivityRow): Promise<void> {
  void ctx.batcher.write(() => ctx.store.leaseActivity(item.id, ctx.now() + LEASE_MS)).catch(() => undefined);
  const completion = await execute(ctx, item);
  const at = ctx.now();
  // A failed commit is retried (the user code already ran and must not run again for a storage problem).
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.batcher.write(() => {
        ctx.store.deleteActivity(item.id);
        ctx.store.enqueue(item.instance_id, item.execution_id, completion, at);
      });
      break;
    } catch (error) {
      if (attempt >= COMMIT_ATTEMPTS) throw error; // the work item stays stored: it runs again after a restart
      ctx.log.warn('durable activity commit failed; retrying', { instanceId: item.instance_id, attempt });
      await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
    }
  }
  ctx.markReady([item.instance_id]);
}
