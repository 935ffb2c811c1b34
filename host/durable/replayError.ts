/** The orchestrator used something the engine cannot replay; the instance fails with this message. */
export class ReplayError extends Error {
  override name = 'ReplayError';
}
