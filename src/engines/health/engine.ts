import type { TextChunk } from '../../model/chunk';
import type { HealthAnalysis } from '../../model/health';
import type { JobPoll } from '../../model/jobs';

/** A clinical NLP provider: chunks of the transcript text in, entities/assertions/relations out. */
export interface HealthEngine {
  /** `local` or `azure`. */
  readonly name: string;
  /** Entity offsets in the result are absolute (into the full transcript text); every entity has its segmentId. */
  analyze(chunks: TextChunk[], options?: { signal?: AbortSignal }): Promise<HealthAnalysis>;
  /** Service providers: submit the chunks as jobs and return their ids, for the orchestrator to poll. */
  submit?(chunks: TextChunk[], options?: { signal?: AbortSignal }): Promise<string[]>;
  /** One status check of the jobs `submit` returned; when all succeeded, the analysis. */
  poll?(chunks: TextChunk[], ids: string[], options?: { signal?: AbortSignal }): Promise<JobPoll<HealthAnalysis>>;
}
