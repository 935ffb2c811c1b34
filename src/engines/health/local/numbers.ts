import type { Token } from './tokenize';

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Record<string, number> = {
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
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** A run of tokens that spells one number ("eight hundred seventy five", "38.4", "thirty eight point four"). */
export interface NumberRun {
  /** Token index just after the run. */
  end: number;
  value: number;
}

type Kind = 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand';
const kindOf = (w: string): Kind | undefined =>
  w in UNITS
    ? 'unit'
    : w in TEENS
      ? 'teen'
      : w in TENS
        ? 'tens'
        : w === 'hundred'
          ? 'hundred'
          : w === 'thousand'
            ? 'thousand'
            : undefined;
const small = (w: string): number => UNITS[w] ?? TEENS[w] ?? TENS[w] ?? 0;

/** Which kinds may follow which: keeps "one two" from reading as one number. */
const NEXT: Record<Kind | 'start', Kind[]> = {
  start: ['unit', 'teen', 'tens'],
  unit: ['hundred', 'thousand'],
  teen: ['hundred', 'thousand'],
  tens: ['unit', 'thousand'],
  hundred: ['unit', 'teen', 'tens', 'thousand'],
  thousand: ['unit', 'teen', 'tens'],
};

/** Reads the number that starts at token `i`, spelled in digits or in English words, if any. */
export function readNumber(tokens: readonly Token[], i: number): NumberRun | undefined {
  const first = tokens[i];
  if (!first) return undefined;
  if (first.kind === 'number') {
    const value = Number(first.norm.replace(/,/g, ''));
    return Number.isFinite(value) ? { end: i + 1, value } : undefined;
  }
  // "half a tablet".
  if (first.norm === 'half' && ['a', 'an'].includes(tokens[i + 1]?.norm ?? '')) return { end: i + 2, value: 0.5 };
  // "one twenty over seventy", "one seventy five": readings said as hundreds without the word "hundred".
  const second = tokens[i + 1]?.norm ?? '';
  if (
    (first.norm === 'one' || first.norm === 'two') &&
    (kindOf(second) === 'tens' || kindOf(second) === 'teen') &&
    kindOf(tokens[i + 2]?.norm ?? '') !== 'hundred'
  ) {
    const rest = readNumber(tokens, i + 1);
    if (rest && rest.value < 100) return { end: rest.end, value: UNITS[first.norm]! * 100 + rest.value };
  }
  let prev: Kind | 'start' = 'start';
  let total = 0;
  let current = 0;
  let j = i;
  while (j < tokens.length) {
    const word = tokens[j]!.norm;
    if (word === 'and' && (prev === 'hundred' || prev === 'thousand')) {
      const nextKind = kindOf(tokens[j + 1]?.norm ?? '');
      if (nextKind && NEXT[prev].includes(nextKind)) {
        j++;
        continue;
      }
      break;
    }
    const kind = kindOf(word);
    if (!kind || !NEXT[prev].includes(kind)) break;
    if (kind === 'hundred') current = (current || 1) * 100;
    else if (kind === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else current += small(word);
    prev = kind;
    j++;
  }
  if (j === i) return undefined;
  let value = total + current;
  // "point four", "point two five": digits after the point are read one by one.
  if (tokens[j]?.norm === 'point' && kindOf(tokens[j + 1]?.norm ?? '') === 'unit') {
    let digits = '';
    let k = j + 1;
    while (kindOf(tokens[k]?.norm ?? '') === 'unit') {
      digits += String(UNITS[tokens[k]!.norm]);
      k++;
    }
    value = Number(`${value}.${digits}`);
    j = k;
  }
  // "one and a half".
  if (['and', 'a'].includes(tokens[j]?.norm ?? '')) {
    const k = tokens[j]!.norm === 'and' ? j + 1 : j;
    if (tokens[k]?.norm === 'a' && tokens[k + 1]?.norm === 'half') return { end: k + 2, value: value + 0.5 };
  }
  return { end: j, value };
}
