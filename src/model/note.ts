import { z } from 'zod';

export const NOTE_TEMPLATES = ['soap', 'hp', 'progress'] as const;
export const NoteTemplateSchema = z.enum(NOTE_TEMPLATES);
export type NoteTemplate = z.infer<typeof NoteTemplateSchema>;

/** Every sentence names the transcript segments it rests on. */
export const NoteSentenceSchema = z.object({
  text: z.string().min(1),
  evidence: z.array(z.string().min(1)).min(1),
  /** `clinician`: written or edited by the reviewer (absent: as the note engine wrote it). */
  origin: z.literal('clinician').optional(),
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
  /** Sentences the engine produced but we dropped (no valid evidence), counted for transparency. */
  dropped: z.number().int().nonnegative().default(0),
});
export type Note = z.infer<typeof NoteSchema>;
