import type { OrchestratorStateWire } from './orchestratorState';
import type { ReplayOutput } from './replayActions';

/** The extension's limit on a custom status: 16 KB of UTF-16 (two bytes per JSON character). */
export const MAX_CUSTOM_STATUS_BYTES = 16 * 1024;

/**
 * Why an orchestrator episode may not be committed as it is, or undefined: a custom status over 16 KB (the
 * extension's message), or any payload it produced (activity, sub-orchestration or entity input, continueAsNew
 * input, its output) over the durable payload limit, named.
 */
export function limitViolation(
  state: OrchestratorStateWire,
  replay: ReplayOutput,
  maxPayloadBytes: number,
): string | undefined {
  if (state.customStatus !== undefined) {
    const bytes = (JSON.stringify(state.customStatus) ?? '').length * 2;
    if (bytes > MAX_CUSTOM_STATUS_BYTES) {
      return (
        'The UTF-16 size of the JSON-serialized custom status payload must not exceed 16 KB. ' +
        `The current payload size is ${Math.ceil(bytes / 1024)} KB.`
      );
    }
  }
  const payloads: [string, string | undefined][] = [
    ...replay.activities.map((a): [string, string | undefined] => [`The input of activity '${a.name}'`, a.input]),
    ...replay.subOrchestrations.map((s): [string, string | undefined] => [
      `The input of sub-orchestration '${s.name}'`,
      s.input,
    ]),
    ...replay.entityMessages.map((m): [string, string | undefined] => [
      `The input of entity operation '${m.request.op ?? ''}' on '${m.target}'`,
      m.request.input,
    ]),
    ['The continueAsNew input', replay.continueAsNew?.input],
    ['The orchestration output', state.isDone && !replay.continueAsNew ? JSON.stringify(state.output) : undefined],
  ];
  for (const [what, text] of payloads) {
    const size = text === undefined ? 0 : Buffer.byteLength(text);
    if (size > maxPayloadBytes)
      return `${what} is ${size} bytes, over the durable payload limit of ${maxPayloadBytes} bytes.`;
  }
  return undefined;
}
