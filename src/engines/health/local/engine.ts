import type { TextChunk } from '../../../model/chunk';
import type { HealthAnalysis } from '../../../model/health';
import { segmentAt } from '../../../model/transcriptText';
import type { HealthEngine } from '../engine';
import { mergeAnalyses } from '../mergeAnalyses';
import { analyzeText } from './analyzeText';
import { chunkDialogue } from './chunkDialogue';
import { loadLexicon } from './loadLexicon';

/** The offline engine: dialogue acts + lexicon + ConText + relation rules, deterministic, no network. */
export function createLocalHealthEngine(): HealthEngine {
  const lexicon = loadLexicon();
  const modelVersion = `clinscribe-lexicon ${Object.entries(lexicon.versions)
    .map(([s, v]) => `${s}@${v}`)
    .join(' ')}`;
  return {
    name: 'local',
    analyze(chunks: TextChunk[], options?: { signal?: AbortSignal }): Promise<HealthAnalysis> {
      const partials: HealthAnalysis[] = [];
      for (const chunk of chunks) {
        options?.signal?.throwIfAborted();
        const spans = chunk.segments;
        const fallback = spans[0]?.id ?? 's1';
        const { entities, relations } = analyzeText(
          chunk.text,
          lexicon,
          (offset) => segmentAt(spans, offset) ?? fallback,
          chunkDialogue(chunk),
        );
        partials.push({
          engine: 'local',
          modelVersion,
          entities: entities.map((e) => ({ ...e, offset: e.offset + chunk.offset })),
          relations,
          warnings: [],
        });
      }
      if (partials.length === 0)
        return Promise.resolve({ engine: 'local', modelVersion, entities: [], relations: [], warnings: [] });
      return Promise.resolve(mergeAnalyses(partials));
    },
  };
}
