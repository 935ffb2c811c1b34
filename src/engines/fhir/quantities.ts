import type { Quantity, Timing } from '@medplum/fhirtypes';

import { readNumber } from '../health/local/numbers';
import { tokenize } from '../health/local/tokenize';

/**
 * Parses a number as written or spoken ("875", "8.2", "thirty eight point four", "one hundred and forty");
 * undefined when the text is not wholly one number. Uses the health engine's number reader, so the analysis and
 * the bundle read spoken numbers the same way.
 */
export function parseSpokenNumber(text: string): number | undefined {
  const tokens = tokenize(text.replace(/-/g, ' '));
  const run = readNumber(tokens, 0);
  return run && run.end === tokens.length ? run.value : undefined;
}

const UCUM: ReadonlyArray<[RegExp, string, string]> = [
  [/^(milligrams?|mg)$/, 'mg', 'mg'],
  [/^(micrograms?|mcg|µg)$/, 'ug', 'µg'],
  [/^(grams?|g)$/, 'g', 'g'],
  [/^(milliliters?|millilitres?|ml)$/, 'mL', 'mL'],
  [/^(units?)$/, '[iU]', 'IU'],
  [/^(percent|%)$/, '%', '%'],
  [/^(degrees? (celsius|centigrade)|°c)$/, 'Cel', '°C'],
  [/^(degrees? fahrenheit|°f)$/, '[degF]', '°F'],
  [/^(beats per minute|bpm)$/, '/min', 'beats/min'],
  [/^(breaths per minute)$/, '/min', 'breaths/min'],
  [/^(millimeters of mercury|mmhg|mm hg)$/, 'mm[Hg]', 'mmHg'],
  [/^(milligrams per deciliter|mg\/dl)$/, 'mg/dL', 'mg/dL'],
  [/^(kilograms?|kg)$/, 'kg', 'kg'],
  [/^(pounds?|lbs?)$/, '[lb_av]', 'lb'],
];

/** A Quantity from spoken value and unit; UCUM-coded when the unit is known, unit text only otherwise. */
export function toQuantity(valueText: string, unitText?: string): Quantity | undefined {
  const value = parseSpokenNumber(valueText);
  if (value === undefined) return undefined;
  if (!unitText) return { value };
  const unit = unitText.trim().toLowerCase();
  const known = UCUM.find(([pattern]) => pattern.test(unit));
  return known
    ? { value, unit: known[2], system: 'http://unitsofmeasure.org', code: known[1] }
    : { value, unit: unitText.trim() };
}

const PER_DAY: Readonly<Record<string, number>> = { once: 1, twice: 2, 'three times': 3, 'four times': 4 };

/** Structured Timing for common spoken frequencies; always keeps the spoken text in `code.text`. */
export function toTiming(frequencyText: string): Timing {
  const text = frequencyText.trim().toLowerCase();
  const timing: Timing = { code: { text: frequencyText.trim() } };
  const daily = /^(once|twice|three times|four times) (a|per|each) day$/.exec(text);
  if (daily) return { ...timing, repeat: { frequency: PER_DAY[daily[1]!]!, period: 1, periodUnit: 'd' } };
  const every = /^every (\S+(?: \S+)?) (hours?|days?)$/.exec(text);
  const n = every ? parseSpokenNumber(every[1]!) : undefined;
  if (every && n !== undefined)
    return { ...timing, repeat: { frequency: 1, period: n, periodUnit: every[2]!.startsWith('h') ? 'h' : 'd' } };
  if (/^(daily|every day)$/.test(text)) return { ...timing, repeat: { frequency: 1, period: 1, periodUnit: 'd' } };
  if (/^(at night|at bedtime|nightly)$/.test(text)) return { ...timing, repeat: { when: ['HS'] } };
  return timing;
}
