import type { TextChunk } from '../../model/chunk';
import type { HealthAnalysis } from '../../model/health';

/** A clinical NLP provider: chunks of the transcript text in, entities/assertions/relations out. */
export interface HealthEngine {
  /** `local` or `azure`. */
  readonly name: string;
  /** Entity offsets in the result are absolute (into the full transcript text); every entity has its segmentId. */
  analyze(chunks: TextChunk[], options?: { signal?: AbortSignal }): Promise<HealthAnalysis>;
}
