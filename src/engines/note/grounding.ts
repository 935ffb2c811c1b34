import type { NoteSection, NoteSentence } from '../../model/note';
import type { Transcript } from '../../model/transcript';

/**
 * Keeps only sentences whose evidence names real segments: unknown ids are removed from a sentence, and a sentence
 * left with no evidence is dropped and counted. Segment order is restored in each evidence list.
 */
export function groundSections(
  sections: NoteSection[],
  transcript: Transcript,
): { sections: NoteSection[]; dropped: number } {
  const order = new Map(transcript.segments.map((s, i) => [s.id, i]));
  let dropped = 0;
  const grounded = sections.map((section) => {
    const sentences: NoteSentence[] = [];
    for (const sentence of section.sentences) {
      const evidence = [...new Set(sentence.evidence.filter((id) => order.has(id)))].sort(
        (a, b) => order.get(a)! - order.get(b)!,
      );
      const text = sentence.text.trim();
      if (evidence.length === 0 || !text) dropped++;
      else sentences.push({ text, evidence });
    }
    return { ...section, sentences };
  });
  return { sections: grounded, dropped };
}
