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
  if (
    noAt === 0 &&
    !(yesAt === 0 && /^(?:i have|i do|i did|i am)\b/.test(opening) && !/^i \w+(?:n't| not)\b/.test(opening))
  )
    return 'no';
  if (yesAt === 0) return 'yes';
  return 'other';
}

/**
 * The act of one clause from its words and who says it; `answering` is true for the first clause of a turn that
 * follows a question. Order matters: a clinician's safety-net or plan may contain exam or result words.
 */
export function classifyClause(text: string, role: SpeakerRole, answering: boolean): DialogueAct {
  const t = cueText(text).replace(OPENERS, '');
  if (answering && role !== 'clinician') return 'answer';
  if (SAFETY_NET.test(t) && role !== 'patient') return 'safety-net';
  if (isQuestionSentence(t) || t.endsWith('?')) return answering ? 'answer' : 'question';
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
