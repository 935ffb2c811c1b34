/** The real offline health analysis of each script, through the bundle builder, the validator and both note paths. */
import { describe, expect, test } from 'vitest';

import { buildBundle } from '../../../src/engines/fhir/bundle';
import { validateBundle } from '../../../src/engines/fhir/validate';
import { createLocalHealthEngine } from '../../../src/engines/health/local/engine';
import { planChunks } from '../../../src/engines/health/planChunks';
import { writeLocalNote } from '../../../src/engines/note/local';
import { renderReportHtml } from '../../../src/engines/report';
import { NOTE_TEMPLATES } from '../../../src/model/note';
import { isQuestionSentence } from '../../../src/model/questions';
import { encounterFixtures } from '../fhir/fixtures';
import { expectGrounded, expectNegatedNeverPresent } from './noteChecks';

describe('real offline health analysis → FHIR + note', () => {
  const engine = createLocalHealthEngine();
  test.each(encounterFixtures().map((f) => [f.id, f] as const))('%s', async (_id, fixture) => {
    const analysis = await engine.analyze(planChunks(fixture.transcript, 5_000));
    expect(analysis.entities.length).toBeGreaterThan(10);
    const bundle = buildBundle(fixture.transcript, analysis, {
      encounterId: fixture.id,
      createdAt: '2026-11-23T10:00:00Z',
    });
    const result = validateBundle(bundle);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    for (const template of NOTE_TEMPLATES) {
      const note = writeLocalNote(fixture.transcript, analysis, template);
      expectGrounded(note, fixture.transcript);
      expectNegatedNeverPresent(note, analysis);
      expect(note.sections.flatMap((s) => s.sentences).length).toBeGreaterThan(5);
    }
    const note = writeLocalNote(fixture.transcript, analysis, 'soap');
    expect(renderReportHtml({ transcript: fixture.transcript, analysis, note, bundle })).toContain('<!DOCTYPE html>');
  });
});

describe('unpunctuated speech-recognizer output → note', () => {
  const engine = createLocalHealthEngine();
  const unpunctuated = (fixture: ReturnType<typeof encounterFixtures>[number]) => ({
    ...fixture.transcript,
    segments: fixture.transcript.segments.map((s) => ({ ...s, text: s.text.toLowerCase().replace(/[.,?!]/g, '') })),
  });

  test.each(encounterFixtures().map((f) => [f.id, f] as const))(
    '%s: no sentence rests only on questions nobody answered',
    async (_id, fixture) => {
      const transcript = unpunctuated(fixture);
      const analysis = await engine.analyze(planChunks(transcript, 5_000));
      const questions = new Set(
        transcript.segments.filter((s) => s.role === 'clinician' && isQuestionSentence(s.text)).map((s) => s.id),
      );
      expect(questions.size).toBeGreaterThan(3);
      const note = writeLocalNote(transcript, analysis, 'soap');
      expectGrounded(note, transcript);
      expectNegatedNeverPresent(note, analysis);
      for (const sentence of note.sections.flatMap((s) => s.sentences)) {
        expect(
          sentence.evidence.some((id) => !questions.has(id)),
          sentence.text,
        ).toBe(true);
      }
    },
  );
});
