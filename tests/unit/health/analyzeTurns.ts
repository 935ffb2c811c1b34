import { createLocalHealthEngine } from '../../../src/engines/health/local/engine';
import { planChunks } from '../../../src/engines/health/planChunks';
import type { HealthAnalysis } from '../../../src/model/health';

export type Turn = ['clinician' | 'patient', string];
const engine = createLocalHealthEngine();

/** Analyses a conversation as the pipeline does (speaker and role on the chunk's segments). */
export const analyzeTurns = (...turns: Turn[]): Promise<HealthAnalysis> =>
  engine.analyze(
    planChunks(
      {
        segments: turns.map(([role, text], i) => ({
          id: `s${i + 1}`,
          speaker: role,
          role,
          start: 0,
          end: 0,
          text,
          words: [],
        })),
      },
      5000,
    ),
  );
