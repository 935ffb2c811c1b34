import type { DialogueAct, Polarity } from '../../../../model/dialogue';
import { isQuestionSentence } from '../../../../model/questions';
import type { SpeakerRole } from '../../../../model/transcript';
import { EXAM, EXPLANATION, NO, PLAN, RECAP, RESULT, SAFETY_NET, SMALL_TALK, YES } from './actCues';

/** Lower case with tokenized contractions re-joined ("do n't" → "don't", "it 's" → "it's"). */
export function cueText(text: string): string {
  return text
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/\bgon na\b/g, 'going to')
    .replace(/\bwan na\b/g, 'want to')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Discourse words that open a clause without changing what it does. */
const OPENERS = /^(?:(?:okay|ok|alright|all right|so|and|um|uh|well|now|hmm|right)[\s,.]+)+/;

/** Polarity of an answer from its opening words. */
export function answerPolarity(text: string): Polarity {
  const t = cueText(text).replace(/^(?:um|uh|oh|well|so|hmm|ah|okay|ok)[\s,.]+/, '');
  const opening = t.split(/[.?!;]/)[0] ?? '';
  const noAt = opening.search(NO);
  const yesAt = opening.search(YES);
  // "No wheezing." answers for wheezing alone (ConText reads it there); only a bare no answers the whole question.
  if (
    noAt === 0 &&
    /^no,? (?!(?:i|not|never|nothing|none|sir|ma'am|doctor|it|that|they|we|thanks|thank|no|nope|just)\b)\w/.test(
      opening,
    )
  )
    return 'other';
  if (
    noAt === 0 &&
    !(yesAt === 0 && /^(?:i have|i do|i did|i am)\b/.test(opening) && !/^i \w+(?:n't| not)\b/.test(opening))
  )
    return 'no';
  if (yesAt === 0) return 'yes';
  return 'other';
}

/**
 * True for a wh-question that presupposes what it asks about ("how is your knee pain", "when did the cough start")
 * rather than asking whether it is there ("how about a fever", "what about chest pain").
 */
export function isPresupposingQuestion(text: string): boolean {
  const t = cueText(text).replace(OPENERS, '');
  return /^(?:how|when|where|why|which|what)/.test(t) && !/^(?:how|what) about/.test(t) && !/any/.test(t);
}

/**
 * The act of one clause from its words and who says it; `answering` is true for the first clause of a turn that
 * follows a question. Order matters: a clinician's safety-net or plan may contain exam or result words.
 */
export function classifyClause(text: string, role: SpeakerRole, answering: boolean): DialogueAct {
  const t = cueText(text).replace(OPENERS, '');
  if (answering) return 'answer';
  if (SAFETY_NET.test(t) && role !== 'patient') return 'safety-net';
  // Unpunctuated run-ons that merely open like a question ("is there some fluid … so on your skin …") are not one.
  const question = t.endsWith('?') || (isQuestionSentence(t) && t.split(' ').length <= 15);
  if (question) return answering ? 'answer' : 'question';
  if (answering) return 'answer';
  if (SMALL_TALK.test(t) && t.split(' ').length <= 8) return 'small-talk';
  if (role === 'patient') return 'statement';
  if (RESULT.test(t)) return 'result-report';
  if (EXAM.test(t)) return 'exam-dictation';
  if (PLAN.test(t)) return 'plan';
  if (RECAP.test(t)) return 'history-recap';
  if (EXPLANATION.test(t)) return 'explanation';
  return 'statement';
}
