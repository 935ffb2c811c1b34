import type { Assertion } from '../../../model/health';
import type { PlacedClause } from './chunkDialogue';
import { isPresupposingQuestion } from './dialogue';

/**
 * Adjusts a ConText assertion by what its clause does in the conversation:
 * - a question's concept is only asked about (neutralPossible) until answered: "no" makes it negative, "yes"
 *   present; a concept negated in the question itself ("no fever?") keeps its negation; a wh-question presupposes
 *   its concept ("how is your knee pain");
 * - safety-netting ("if you get chest pain, come back") is hypothetical;
 * - an explanation that does not address the patient ("high blood pressure can cause strokes") is hypothetical.
 * Recaps, exam dictation and result reports keep their ConText reading (a dictated "no edema" stays negative).
 */
export function dialogueAssertion(
  assertion: Assertion,
  clause: PlacedClause | undefined,
  clauseText: string,
): Assertion {
  if (!clause) return assertion;
  const out: Assertion = { ...assertion };
  if (clause.act === 'question') {
    const asked = out.certainty === undefined || out.certainty === 'neutralPossible';
    if (asked && clause.answer === 'no') out.certainty = 'negative';
    else if (asked && clause.answer === 'yes') delete out.certainty;
    else if (asked && clause.answer !== 'no' && isPresupposingQuestion(clauseText)) delete out.certainty;
    else if (out.certainty === undefined) out.certainty = 'neutralPossible';
  } else if (clause.act === 'safety-net') {
    out.conditionality ??= 'hypothetical';
  } else if (clause.act === 'explanation' && !/\b(?:you|your|you're|you've)\b/i.test(clauseText)) {
    out.conditionality ??= 'hypothetical';
  }
  return out;
}
