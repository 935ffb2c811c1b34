import type { HealthAnalysis } from '../../model/health';
import type { Note, NoteTemplate } from '../../model/note';
import type { Transcript } from '../../model/transcript';
import { readNarrative } from '../facts/readNarrative';
import { withTrustedRoles } from '../facts/trustedRoles';
import { extractFacts, type Fact, type FactKind } from './facts';
import { groundSections } from './grounding';
import type { NoteEngine } from './index';
import { renderFacts } from './prose';
import { TEMPLATES } from './templates';
import { verifyNote } from './verify';

const NARRATIVE_KIND = {
  complaint: 'complaintNarrative',
  intro: 'introNarrative',
  hpi: 'hpiNarrative',
  exam: 'examNarrative',
  results: 'resultsNarrative',
  assessment: 'assessmentNarrative',
  plan: 'planNarrative',
} as const satisfies Record<string, FactKind>;

const narrativeFacts = (transcript: Transcript): Fact[] =>
  readNarrative(transcript).map((n) => ({ kind: NARRATIVE_KIND[n.kind], phrase: n.text, evidence: n.evidence }));

/**
 * Say less rather than something wrong: a sentence the engine paraphrased from the analysis that fails the
 * faithfulness check is left out (and counted in `dropped`); the speaker's own words are kept, with their flags.
 */
function omitUnfaithfulParaphrases(
  note: Note,
  extracts: Set<string>,
  transcript: Transcript,
  analysis: HealthAnalysis,
): Note {
  let omitted = 0;
  const sections = verifyNote(note, transcript, analysis).sections.map((section) => ({
    ...section,
    sentences: section.sentences.filter((sentence) => {
      const keep = !sentence.flags || extracts.has(sentence.text);
      if (!keep) omitted++;
      return keep;
    }),
  }));
  return { ...note, sections, dropped: note.dropped + omitted };
}

/**
 * Builds a note without any model: the visit's own sentences for the narrative sections (readNarrative) and
 * sentences about the analysis's facts for the lists, each citing its segments.
 */
export function writeLocalNote(labelled: Transcript, analysis: HealthAnalysis, template: NoteTemplate = 'soap'): Note {
  const transcript = withTrustedRoles(labelled);
  const narrative = narrativeFacts(transcript);
  const facts = [...extractFacts(transcript, analysis), ...narrative];
  const sections = TEMPLATES[template].sections.map((s) => {
    const sentences = renderFacts(facts, s.facts);
    return {
      id: s.id,
      title: s.title,
      sentences: sentences.length === 0 && s.fallback ? renderFacts(facts, s.fallback) : sentences,
    };
  });
  const grounded = groundSections(sections, transcript);
  const note: Note = { template, engine: 'local', sections: grounded.sections, dropped: grounded.dropped };
  return omitUnfaithfulParaphrases(note, new Set(narrative.map((f) => f.phrase)), transcript, analysis);
}

/** The offline note engine: deterministic and grounded. */
export function createLocalNoteEngine(): NoteEngine {
  return {
    name: 'local',
    write: (transcript, analysis, options) =>
      Promise.resolve(writeLocalNote(transcript, analysis, options?.template ?? 'soap')),
  };
}
