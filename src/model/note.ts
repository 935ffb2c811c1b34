import { z } from 'zod';

export const NOTE_TEMPLATES = ['soap', 'hp', 'progress', 'dap', 'birp'] as const;
export const NoteTemplateSchema = z.enum(NOTE_TEMPLATES);
export type NoteTemplate = z.infer<typeof NoteTemplateSchema>;

/** Codes of the faithfulness check (verify.ts): what about a sentence its evidence does not support. */
export const NOTE_FLAG_CODES = [
  'unsupported-entity',
  'negation-flip',
  'certainty-mismatch',
  'wrong-subject',
  'wrong-time',
  'number-mismatch',
  'wrong-speaker',
] as const;
export const NoteFlagSchema = z.object({ code: z.enum(NOTE_FLAG_CODES), detail: z.string().min(1) });
export type NoteFlag = z.infer<typeof NoteFlagSchema>;

/** Every sentence names the transcript segments it rests on; `flags` lists what the faithfulness check found. */
export const NoteSentenceSchema = z.object({
  text: z.string().min(1),
  evidence: z.array(z.string().min(1)).min(1),
  /** `clinician`: written or edited by the reviewer (absent: as the note engine wrote it). */
  origin: z.literal('clinician').optional(),
  flags: z.array(NoteFlagSchema).optional(),
});
export type NoteSentence = z.infer<typeof NoteSentenceSchema>;

export const NoteSectionSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  sentences: z.array(NoteSentenceSchema),
});
export type NoteSection = z.infer<typeof NoteSectionSchema>;

export const NoteSchema = z.object({
  template: NoteTemplateSchema,
  engine: z.string().min(1),
  sections: z.array(NoteSectionSchema),
  /**
   * Sentences the engine produced but we dropped, counted for transparency: no valid evidence, or (offline engine
   * only) a paraphrase its own faithfulness check rejected. Language-model sentences are flagged, never dropped.
   */
  dropped: z.number().int().nonnegative().default(0),
});
export type Note = z.infer<typeof NoteSchema>;

/** Sentences with at least one faithfulness flag, and flags in all. */
export function countFlags(note: Pick<Note, 'sections'>): {
  sentences: number;
  flaggedSentences: number;
  flags: number;
} {
  const sentences = note.sections.flatMap((s) => s.sentences);
  return {
    sentences: sentences.length,
    flaggedSentences: sentences.filter((s) => (s.flags?.length ?? 0) > 0).length,
    flags: sentences.reduce((n, s) => n + (s.flags?.length ?? 0), 0),
  };
}
