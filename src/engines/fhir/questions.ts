import type { Entity } from '../../model/health';
import { isQuestionSentence } from '../../model/questions';
import type { Segment, Transcript } from '../../model/transcript';
import { transcriptText } from '../../model/transcriptText';

/** How an entity was said: as a statement, in a question nobody affirmed, or in a question the next speaker affirmed. */
export type Stance = { kind: 'stated' } | { kind: 'unanswered' } | { kind: 'affirmed'; answerSegmentId: string };

const AFFIRMATIVE = /^\s*(yes|yeah|yep|i do|i am|i have|correct|that's right|right|still)\b/i;

/** True when the sentence holding [start, end) of `text` is a question (see isQuestionSentence). */
export function inQuestion(text: string, start: number, end: number): boolean {
  if (/[.!?]/.test(text.slice(start, Math.max(start, end)))) return false;
  const before = text.slice(0, start);
  const sentenceStart = Math.max(before.lastIndexOf('.'), before.lastIndexOf('?'), before.lastIndexOf('!')) + 1;
  const terminator = /[.?!]/g;
  terminator.lastIndex = Math.max(0, end);
  const next = terminator.exec(text);
  return isQuestionSentence(text.slice(sentenceStart, next ? next.index + 1 : text.length));
}

/** Builds a stance lookup for a transcript: questions are not facts unless the next speaker says yes. */
export function createStanceOf(transcript: Transcript): (entity: Entity) => Stance {
  const { spans } = transcriptText(transcript);
  const index = new Map(spans.map((span, i) => [span.id, { span, i }]));
  return (entity) => {
    const at = index.get(entity.segmentId);
    const segment: Segment | undefined = at && transcript.segments[at.i];
    if (!at || !segment) return { kind: 'stated' };
    const local = entity.offset - at.span.offset;
    if (!inQuestion(segment.text, local, local + entity.length)) return { kind: 'stated' };
    const next = transcript.segments[at.i + 1];
    const answer = next && next.speaker !== segment.speaker ? next : undefined;
    return answer && AFFIRMATIVE.test(answer.text)
      ? { kind: 'affirmed', answerSegmentId: answer.id }
      : { kind: 'unanswered' };
  };
}

/** True for an allergen, or a drug or substance said right after "allergic to" / "allergy to". */
export function isAllergenMention(transcript: Transcript, entity: Entity): boolean {
  if (entity.category === 'Allergen') return true;
  if (!['MedicationName', 'MedicationClass', 'SubstanceUse'].includes(entity.category)) return false;
  const { spans } = transcriptText(transcript);
  const span = spans.find((s) => s.id === entity.segmentId);
  const segment = transcript.segments.find((s) => s.id === entity.segmentId);
  if (!span || !segment) return false;
  const before = segment.text.slice(0, Math.max(0, entity.offset - span.offset));
  return /\b(allergic|allergy|allergies)\s+to\s+(an?\s+|the\s+)?$/i.test(before);
}
