import { expect } from 'vitest';

import type { HealthAnalysis } from '../../../src/model/health';
import type { Note } from '../../../src/model/note';
import type { Transcript } from '../../../src/model/transcript';

/** Note wording for an absent finding, or the speaker's own negated words (extracts keep their "no", "not"). */
const NEGATION_CONTEXT = /\b(denies|not indicated|not suspected|return precautions|no|not|never|without|if)\b|n't\b/i;

/** Every sentence cites ≥ 1 segment, and every cited segment exists. */
export function expectGrounded(note: Note, transcript: Transcript): void {
  const ids = new Set(transcript.segments.map((s) => s.id));
  for (const sentence of note.sections.flatMap((s) => s.sentences)) {
    expect(sentence.evidence.length, sentence.text).toBeGreaterThan(0);
    for (const id of sentence.evidence) expect(ids, sentence.text).toContain(id);
  }
}

/**
 * A symptom the analysis marks as negated (and never as present) may appear only in a denial, a ruled-out
 * statement, a return precaution or an extract that keeps the speaker's negation — never as a present finding.
 */
export function expectNegatedNeverPresent(
  note: Note,
  analysis: HealthAnalysis,
  name: (text: string) => string = (t) => t,
): void {
  const present = new Set(
    analysis.entities
      .filter(
        (e) =>
          (e.assertion.certainty ?? 'positive') === 'positive' &&
          !e.assertion.conditionality &&
          e.assertion.association !== 'other',
      )
      .map((e) => e.text.toLowerCase()),
  );
  const negated = analysis.entities.filter(
    (e) => e.assertion.certainty === 'negative' && !present.has(e.text.toLowerCase()),
  );
  const sentences = note.sections.flatMap((s) => s.sentences.map((x) => x.text));
  for (const entity of negated) {
    const term = name(entity.text).toLowerCase();
    for (const text of sentences.filter((t) => t.toLowerCase().includes(term)))
      expect(text, `negated '${term}'`).toMatch(NEGATION_CONTEXT);
  }
}
