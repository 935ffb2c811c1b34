import type { Quantity, Timing } from '@medplum/fhirtypes';

const SMALL: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  one: 1,
  a: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000 };

/**
 * Parses a number as written or spoken ("875", "8.2", "thirty eight point four", "one hundred and forty");
 * undefined when the text is not a number.
 */
export function parseSpokenNumber(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^-?\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const words = trimmed.split(/[\s-]+/).filter((w) => w !== 'and');
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let decimals: string | undefined;
  for (const word of words) {
    if (decimals !== undefined) {
      const digit = SMALL[word];
      if (digit === undefined || digit > 9) return undefined;
      decimals += String(digit);
    } else if (word === 'point') decimals = '';
    else if (SMALL[word] !== undefined) current += SMALL[word];
    else if (/^\d+$/.test(word)) current += Number(word);
    else if (word === 'hundred') current = (current || 1) * 100;
    else if (SCALES[word] !== undefined) {
      total += (current || 1) * SCALES[word];
      current = 0;
    } else return undefined;
  }
  if (decimals === '') return undefined;
  return Number(`${total + current}${decimals ? `.${decimals}` : ''}`);
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
