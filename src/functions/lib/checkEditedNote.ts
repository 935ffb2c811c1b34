import { NonRetriableError } from '../../errors';
import { type Note, NoteSchema } from '../../model/note';
import type { Transcript } from '../../model/transcript';

/**
 * A reviewer's edited note, accepted only if it is a valid note whose every sentence still cites segments that
 * exist in the transcript: edits may change wording, not break grounding.
 */
export function checkEditedNote(
  value: unknown,
  transcript: Pick<Transcript, 'segments'>,
  template: Note['template'],
): Note {
  const parsed = NoteSchema.safeParse({ template, engine: 'reviewer', ...(value as object) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NonRetriableError(
      'InvalidNote',
      `The edited note is not valid at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  const ids = new Set(transcript.segments.map((s) => s.id));
  for (const [i, section] of parsed.data.sections.entries()) {
    for (const [j, sentence] of section.sentences.entries()) {
      const missing = sentence.evidence.find((id) => !ids.has(id));
      if (missing)
        throw new NonRetriableError(
          'InvalidNote',
          `sections[${i}].sentences[${j}] cites segment ${missing}, which is not in the transcript`,
        );
    }
  }
  return parsed.data;
}
