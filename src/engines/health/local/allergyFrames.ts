import type { Relation } from '../../../model/health';
import type { PlacedClause } from './chunkDialogue';
import type { Placed } from './relations';

/** "allergic to (the) X", "an allergy to X", "reaction to X", "sensitive to X": the frame just before X. */
const BEFORE =
  /\b(?:allergic|allergy|allergies|allergi\w*|reactions?|react(?:ed|s)?|sensitive|sensitivity|intoleran(?:t|ce))\s+(?:to|with|from)\s+(?:[\w'-]+\s+){0,3}$/i;
/** "X makes me break out", "X gives me hives", "X allergy": the frame just after X. */
const AFTER =
  /^\s*(?:[\w'-]+\s+){0,2}?(?:makes?|made|gives?|gave|causes?|caused|brings?|brought)\s+(?:me|him|her|them|you|us)\s+(?:break|broke|out|hives|a\s+rash|rash|itch|itchy|swell|swollen|throw|sick|wheez\w*|short)|^\s*(?:allerg\w*|intoleran\w*)\b/i;
/** Words that make a clause about allergy at all (a food or a pet named elsewhere is just a food or a pet). */
const ALLERGY_WORDS =
  /\b(?:allerg\w*|hives|anaphyla\w*|epi-?pen|reactions?|react(?:ed|s)?|intoleran\w*|break(?:s)? out|broke out)\b/i;
const MEDICATION = new Set(['MedicationName', 'MedicationClass']);
const REACTION = new Set(['SymptomOrSign', 'Diagnosis']);

/**
 * Applies allergy frames to a sentence's entities: a drug named in a frame ("allergic to penicillin", "amoxicillin
 * makes me break out") is the allergen, not a medication taken; a food, pet or plant word is an allergen only where
 * the words are about allergy or answer a question about allergies (not "peanut butter cups", "two dogs at home",
 * "avoid milk"); a reaction said after the allergen in the sentence ("gives me hives") is related to it.
 */
export function allergyFrames(
  placed: readonly Placed[],
  text: string,
  sentenceSpan: (n: number) => { start: number; end: number },
  clauseAt: (offset: number) => PlacedClause | undefined,
): { placed: Placed[]; relations: Relation[] } {
  const kept: Placed[] = [];
  const relations: Relation[] = [];
  for (const p of placed) {
    const { entity } = p;
    const span = sentenceSpan(p.sentence);
    const before = text.slice(span.start, entity.offset);
    const after = text.slice(entity.offset + entity.length, span.end);
    const framed = BEFORE.test(before) || AFTER.test(after);
    if (MEDICATION.has(entity.category) && framed) {
      kept.push({ ...p, entity: { ...entity, category: 'Allergen' } });
      continue;
    }
    if (entity.category === 'Allergen' && !framed) {
      const asked = clauseAt(entity.offset)?.question ?? '';
      if (!ALLERGY_WORDS.test(text.slice(span.start, span.end)) && !ALLERGY_WORDS.test(asked)) continue;
    }
    kept.push(p);
  }
  for (const a of kept) {
    if (a.entity.category !== 'Allergen') continue;
    const end = a.entity.offset + a.entity.length;
    const reaction = kept.find(
      (r) => r.sentence === a.sentence && REACTION.has(r.entity.category) && r.entity.offset >= end,
    );
    if (reaction && AFTER.test(text.slice(end, reaction.entity.offset + reaction.entity.length)))
      relations.push({
        type: 'ReactionOfAllergen',
        roles: [
          { name: 'Allergen', entityId: a.entity.id },
          { name: 'Reaction', entityId: reaction.entity.id },
        ],
      });
  }
  return { placed: kept, relations };
}
