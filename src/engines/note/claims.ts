import type { Entity } from '../../model/health';
import { digitize } from '../facts/digitize';
import { analyzeText } from '../health/local/analyzeText';
import type { Lexicon } from '../health/local/lexicon';
import { readNumber } from '../health/local/numbers';
import { tokenize } from '../health/local/tokenize';

/** Categories whose mentions a note sentence asserts something about. */
export const CLAIMED = new Set([
  'SymptomOrSign',
  'Diagnosis',
  'MedicationName',
  'MedicationClass',
  'TreatmentName',
  'ExaminationName',
  'Allergen',
]);

/** How a note sentence states a clinical entity. */
export type Stance = 'present' | 'absent' | 'possible' | 'hypothetical';

/** One clinical claim of a note sentence. */
export interface Claim {
  entity: Entity;
  stance: Stance;
  subject: 'patient' | 'other';
  time: 'current' | 'past' | 'future';
}

/**
 * Note prose says "not suspected", "considered unlikely", "return precautions": wording ConText was never meant
 * to read (it reads dialogue and clinical narrative). These cues decide the stance of every entity in the sentence.
 */
const STANCE_CUES: ReadonlyArray<[RegExp, Stance]> = [
  [
    /\b(return precautions|if (indicated|needed|symptoms|it|he|she|they|the patient)|should (he|she|they|the patient)|in case of|watch for)\b/i,
    'hypothetical',
  ],
  [/\b(not suspected|ruled out|not indicated|declined|declines|negative for|no evidence of)\b/i, 'absent'],
  [
    /\b(suspected|possible|possibly|probable|likely|unlikely|under consideration|differential|unsure|uncertain|may have|might|rule out|query|questionable)\b/i,
    'possible',
  ],
];

/** The clinical claims of one note sentence, read with the offline lexicon plus note-prose stance cues. */
export function readClaims(text: string, lexicon: Lexicon): Claim[] {
  const { entities } = analyzeText(text, lexicon, () => 'sentence');
  const cue = STANCE_CUES.find(([p]) => p.test(text))?.[1];
  return entities
    .filter((e) => CLAIMED.has(e.category))
    .map((entity) => {
      const a = entity.assertion;
      const read: Stance =
        a.conditionality !== undefined
          ? 'hypothetical'
          : a.certainty === 'negative'
            ? 'absent'
            : a.certainty && a.certainty !== 'positive'
              ? 'possible'
              : 'present';
      return {
        entity,
        // ConText's own reading wins where it found a cue; note-only wording fills in where it read "present".
        stance: read === 'present' ? (cue ?? read) : read,
        subject: a.association === 'other' ? 'other' : 'patient',
        time: a.temporal ?? 'current',
      };
    });
}

/** The stance an analysis entity (from the transcript) gives its concept. */
export function stanceOf(entity: Entity): Stance {
  const a = entity.assertion;
  if (a.conditionality) return 'hypothetical';
  if (a.certainty === 'negative') return 'absent';
  return a.certainty && a.certainty !== 'positive' ? 'possible' : 'present';
}

/** Every number a text spells, in digits ("120/70" → 120, 70) or in words ("five hundred" → 500). */
export function numbersIn(text: string): number[] {
  const tokens = tokenize(text);
  const found: number[] = [];
  for (let i = 0; i < tokens.length;) {
    const run = readNumber(tokens, i);
    if (run) {
      found.push(run.value);
      // "one twenty", "one forty five": the spoken shorthand for 120 and 145 in blood pressures and weights.
      const next = readNumber(tokens, run.end);
      if (next && run.value >= 1 && run.value <= 2 && next.value >= 10 && next.value < 100)
        found.push(run.value * 100 + next.value);
      i = run.end;
    } else i++;
  }
  return found;
}

/**
 * Every "a/b" pair a text states ("120/80", "one twenty over eighty", and unless `overOnly`, "two out of six"),
 * as "a/b". A blood pressure is said "over", a grade "out of": `overOnly` keeps a grade from passing for a pressure.
 */
export function pairsIn(text: string, overOnly = false): Set<string> {
  const said = digitize(overOnly ? text.replace(/\bout of\b/gi, 'outof') : text);
  return new Set(
    [...said.matchAll(/\b(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\b/g)]
      // "a two over six systolic ejection murmur" is a grade, however it is said.
      .filter((m) => !overOnly || !/^\s+(\w+\s+){0,2}murmur/i.test(said.slice(m.index + m[0].length)))
      .map((m) => `${m[1]}/${m[2]}`),
  );
}
