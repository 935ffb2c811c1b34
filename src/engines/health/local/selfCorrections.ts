import type { Placed } from './relations';

const VALUES = new Set([
  'MeasurementValue',
  'Dosage',
  'Time',
  'ConditionScale',
  'Frequency',
  'MedicationName',
  'MedicationClass',
]);
const CORRECTION =
  /^[\s,.-]*(?:or[\s,]+)?(?:i'm sorry|i am sorry|sorry|i mean|i meant|actually|no wait|wait|or rather|rather)[\s,.-]*$/i;

/**
 * Drops a value the speaker corrects straight away: in "one forty over ninety, I'm sorry, one thirty over ninety"
 * or "five, I mean ten milligrams" or "penicillin or, I'm sorry, amoxicillin" only the second one was meant.
 */
export function dropSelfCorrected(placed: readonly Placed[], text: string): Placed[] {
  return placed.filter((p, n) => {
    if (!VALUES.has(p.entity.category)) return true;
    const next = placed.slice(n + 1).find((q) => q.entity.category === p.entity.category);
    if (!next) return true;
    const between = text.slice(p.entity.offset + p.entity.length, next.entity.offset);
    return !CORRECTION.test(between);
  });
}
