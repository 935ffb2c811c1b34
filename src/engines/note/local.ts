import type { HealthAnalysis } from '../../model/health';
import type { Note, NoteTemplate } from '../../model/note';
import type { Transcript } from '../../model/transcript';
import { readNarrative } from '../facts/readNarrative';
import { extractFacts, type Fact, type FactKind } from './facts';
import { groundSections } from './grounding';
import type { NoteEngine } from './index';
import { renderFacts } from './prose';
import { TEMPLATES } from './templates';

const NARRATIVE_KIND = {
  intro: 'introNarrative',
  hpi: 'hpiNarrative',
  exam: 'examNarrative',
  results: 'resultsNarrative',
  assessment: 'assessmentNarrative',
  plan: 'planNarrative',
} as const satisfies Record<string, FactKind>;

const narrativeFacts = (transcript: Transcript): Fact[] =>
  readNarrative(transcript).map((n) => ({ kind: NARRATIVE_KIND[n.kind], phrase: n.text, evidence: n.evidence }));

/** Builds a note without any model: facts from the analysis, plain sentences, each citing its segments. */
export function writeLocalNote(
  transcript: Transcript,
  analysis: HealthAnalysis,
  template: NoteTemplate = 'soap',
): Note {
  const facts = [...extractFacts(transcript, analysis), ...narrativeFacts(transcript)];
  const sections = TEMPLATES[template].sections.map((s) => {
    const sentences = renderFacts(facts, s.facts);
    return {
      id: s.id,
      title: s.title,
      sentences: sentences.length === 0 && s.fallback ? renderFacts(facts, s.fallback) : sentences,
    };
  });
  const grounded = groundSections(sections, transcript);
  return { template, engine: 'local', sections: grounded.sections, dropped: grounded.dropped };
}

/** The offline note engine: deterministic and grounded. */
export function createLocalNoteEngine(): NoteEngine {
  return {
    name: 'local',
    write: (transcript, analysis, options) =>
      Promise.resolve(writeLocalNote(transcript, analysis, options?.template ?? 'soap')),
  };
}
