import type { ZodType } from 'zod';

import type { ActivityFailure } from '../../src/errors';
import { log } from '../../src/log';
import { describeIssue } from '../../src/model/stepInputs';

/**
 * Checks an activity's input before any I/O: undefined when valid, else the non-retriable failure to return.
 * Orchestrations can be started with any input by a management-key holder, so nothing is trusted (DESIGN.md §4).
 * The input itself is not logged (it is untrusted and may carry anything).
 */
export function invalidInput(activity: string, schema: ZodType, input: unknown): ActivityFailure | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return undefined;
  log.warn('step.invalidInput', { activity, code: 'InvalidInput' });
  return { ok: false, code: 'InvalidInput', message: `Invalid ${activity} input (${describeIssue(parsed.error)})` };
}
