export { answerPolarity, classifyClause, cueText, isPresupposingQuestion } from './classifyClause';
export { readDialogue } from './readDialogue';
export type { ClauseSpan } from './splitClauses';
export { splitClauses } from './splitClauses';
export type { DialogueAct, DialogueClause, Polarity } from '../../../../model/dialogue';
