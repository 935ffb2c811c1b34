import type { Stage } from '../../src/model/manifest';

/** An activity's expected failure (`ok: false`), carried to the orchestrator's catch with the stage it happened in. */
export class StageFailure extends Error {
  stage: Stage = 'intake';
  code = 'ActivityFailed';
}

/** A StageFailure for `stage` with the activity's code and message. */
export const failure = (stage: Stage, code: string, message: string): StageFailure =>
  Object.assign(new StageFailure(message), { stage, code });
