import type { TextChunk } from '../../../model/chunk';
import type { DialogueAct, Polarity } from '../../../model/dialogue';
import { readDialogue } from './dialogue';

/** A clause placed in a chunk's text, with the answer it got when it is a question. */
export interface PlacedClause {
  id: string;
  /** Offsets into the chunk text. */
  start: number;
  end: number;
  act: DialogueAct;
  /** For a question: the polarity of the answer that followed it, if any. */
  answer?: Polarity;
  /** For an answer: the text of the question it answers. */
  question?: string;
}

/**
 * Reads a chunk as a conversation (see readDialogue) and places each clause in the chunk's text. Segments without
 * a speaker are taken as one speaker's, so a plan from an older version never links answers across lines.
 */
export function chunkDialogue(chunk: TextChunk): PlacedClause[] {
  const segments = chunk.segments.map((s) => ({
    id: s.id,
    speaker: s.speaker ?? '?',
    role: s.role ?? ('other' as const),
    start: 0,
    end: 0,
    text: chunk.text.slice(s.offset, s.offset + s.length),
    words: [],
  }));
  const offsetOf = new Map(chunk.segments.map((s) => [s.id, s.offset]));
  const clauses = readDialogue({ segments });
  const answers = new Map<string, Polarity>();
  const texts = new Map(clauses.map((c) => [c.id, c.text]));
  for (const c of clauses) if (c.answersClauseId && c.polarity) answers.set(c.answersClauseId, c.polarity);
  return clauses.map((c) => {
    const start = (offsetOf.get(c.segmentId) ?? 0) + c.offset;
    const answer = answers.get(c.id);
    const question = c.answersClauseId ? texts.get(c.answersClauseId) : undefined;
    return {
      id: c.id,
      start,
      end: start + c.length,
      act: c.act,
      ...(answer ? { answer } : {}),
      ...(question ? { question } : {}),
    };
  });
}
