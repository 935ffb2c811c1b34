import { readNumber } from '../health/local/numbers';
import { tokenize } from '../health/local/tokenize';

const UNITS: Record<string, string> = {
  milligram: 'mg',
  milligrams: 'mg',
  microgram: 'mcg',
  micrograms: 'mcg',
  milliliter: 'mL',
  milliliters: 'mL',
  percent: '%',
};
/** Words after which a lone small number is a quantity, not "the one" or "one of". */
const QUANTITY =
  /^(mg|milligrams?|micrograms?|grams?|milliliters?|units?|percent|degrees?|pounds?|kilos?|miles?|times?|days?|weeks?|months?|years?|hours?|minutes?|seconds?|pills?|tablets?|puffs?|drinks?|cigarettes?|packs?|cups?|out|over|to|or|and|a|an|per|inches?|feet|centimeters?|millimeters?|cm|mm|kg|lbs?)$/i;

/**
 * Spoken numbers in digits, as notes write them: "one hundred and eighty" → "180", "ten milligrams" → "10 mg",
 * "one twenty over eighty" → "120/80", "two out of six" → "2/6". A lone "one" that is not a quantity stays a word.
 */
export function digitize(text: string): string {
  const tokens = tokenize(text);
  const out: string[] = [];
  let cursor = 0;
  const emit = (start: number, end: number, replacement: string) => {
    out.push(text.slice(cursor, start), replacement);
    cursor = end;
  };
  for (let i = 0; i < tokens.length;) {
    let run = tokens[i]!.kind === 'word' ? readNumber(tokens, i) : undefined;
    if (!run) {
      i++;
      continue;
    }
    let value = run.value;
    // "one twenty", "one forty five": hundreds said as two numbers (blood pressure, weight, glucose).
    const next = readNumber(tokens, run.end);
    if (
      next &&
      (value === 1 || value === 2) &&
      next.value >= 10 &&
      next.value < 100 &&
      tokens[run.end]!.kind === 'word'
    ) {
      value = value * 100 + next.value;
      run = { end: next.end, value };
    }
    const words = run.end - i;
    const after = tokens[run.end];
    const before = tokens
      .slice(Math.max(0, i - 2), i)
      .map((t) => t.norm)
      .join(' ');
    const ratio = /(^|\s)(over|out of)$/.test(before);
    if (words < 2 && value < 10 && !ratio && !(after && QUANTITY.test(after.raw))) {
      i = run.end;
      continue;
    }
    const start = tokens[i]!.start;
    let end = tokens[run.end - 1]!.end;
    let shown = String(value);
    const unit = after && UNITS[after.raw.toLowerCase()];
    if (unit) {
      shown = unit === '%' ? `${shown}%` : `${shown} ${unit}`;
      end = after.end;
    }
    emit(start, end, shown);
    i = unit ? run.end + 1 : run.end;
  }
  out.push(text.slice(cursor));
  return out.join('').replace(/\b(\d+) (?:over|out of) (\d+)\b/g, '$1/$2');
}
