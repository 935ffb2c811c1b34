import type { DialogueClause } from '../../../../model/dialogue';
import type { Transcript } from '../../../../model/transcript';
import { answerPolarity, classifyClause } from './classifyClause';
import { splitClauses } from './splitClauses';

/** A clause that is a list of noun phrases: commas, and none of the words that make a clause a statement. */
const isVerblessList = (text: string): boolean =>
  (text.match(/,/g) ?? []).length >= 2 &&
  !/\b(?:i|you|he|she|we|they|it|is|are|was|were|has|have|had|do|does|did|will|can|feel|take|get)\b/i.test(text);

/** How many clauses back (within the previous turn) a question still counts as the one being answered. */
const QUESTION_REACH = 2;

/**
 * Reads a transcript as a conversation: each segment split into clauses, each clause given its act, and an answer
 * (the first clause of a turn by another speaker after a question) linked to that question with its polarity.
 * Deterministic and offline.
 */
export function readDialogue(transcript: Pick<Transcript, 'segments'>): DialogueClause[] {
  const clauses: DialogueClause[] = [];
  let previousTurn: { speaker: string; clauses: DialogueClause[] } | undefined;
  for (const segment of transcript.segments) {
    const spans = splitClauses(segment.text);
    const sameSpeaker = previousTurn?.speaker === segment.speaker;
    const asked =
      previousTurn && !sameSpeaker
        ? previousTurn.clauses
            .slice(-QUESTION_REACH)
            .reverse()
            .find((c) => c.act === 'question')
        : undefined;
    const turn: DialogueClause[] = [];
    spans.forEach((span, n) => {
      const text = segment.text.slice(span.offset, span.offset + span.length);
      const answering = n === 0 && asked !== undefined;
      const previous = turn[turn.length - 1];
      // A verbless list after an explanation ("…risks of surgery include infection. Seizure, stroke, numbness.")
      // continues it.
      const act =
        previous?.act === 'explanation' && isVerblessList(text)
          ? 'explanation'
          : classifyClause(text, segment.role, answering);
      const clause: DialogueClause = {
        id: `${segment.id}.c${n + 1}`,
        segmentId: segment.id,
        role: segment.role,
        text,
        offset: span.offset,
        length: span.length,
        act,
      };
      if (act === 'answer' && asked) {
        clause.answersClauseId = asked.id;
        clause.polarity = answerPolarity(text);
      }
      turn.push(clause);
    });
    // Two segments of one speaker in a row are one turn (diarization may cut a turn in two).
    previousTurn =
      sameSpeaker && previousTurn
        ? { speaker: segment.speaker, clauses: [...previousTurn.clauses, ...turn] }
        : { speaker: segment.speaker, clauses: turn };
    if (turn.length === 0 && previousTurn.clauses.length === 0) previousTurn = undefined;
    clauses.push(...turn);
  }
  return clauses;
}
