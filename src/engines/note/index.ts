import type { Config } from '../../config';
import type { HealthAnalysis } from '../../model/health';
import type { Note, NoteTemplate } from '../../model/note';
import type { Transcript } from '../../model/transcript';
import { createLocalNoteEngine } from './local';
import { createOpenAiNoteEngine } from './openai';

export interface NoteOptions {
  /** soap (default), hp or progress. */
  template?: NoteTemplate;
}

/** Writes a clinical note whose every sentence cites transcript segment ids. */
export interface NoteEngine {
  name: string;
  write(transcript: Transcript, analysis: HealthAnalysis, options?: NoteOptions): Promise<Note>;
}

/** The note engine selected by `config.engines.note` (NOTE_ENGINE). */
export function createNoteEngine(config: Config): NoteEngine {
  return config.engines.note === 'local' ? createLocalNoteEngine() : createOpenAiNoteEngine(config);
}

export { TEMPLATES } from './templates';
