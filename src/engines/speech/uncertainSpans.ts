import type { Transcript, UncertainSpan, Word } from '../../model/transcript';

/** Words under this confidence are treated as possibly misrecognized (see docs/benchmarks.md, calibration). */
export const LOW_CONFIDENCE = 0.5;

const MEDICATION_VERBS = new Set(
  (
    'take takes taking took start starts started starting prescribe prescribes prescribed prescribing ' +
    'continue continuing increase increasing decrease decreasing switch switching add adding begin ' +
    'stop stopping restart refill try trying use using'
  ).split(' '),
);
// Words that may stand between a medication verb and the drug: "start you on the X", "take some X".
const BRIDGE = new Set('the a an some you him her them me on your his their of with to'.split(' '));
const NUMBER = new Set(
  (
    'one two three four five six seven eight nine ten eleven twelve fifteen twenty twenty-five thirty forty ' +
    'fifty sixty seventy eighty ninety hundred thousand half point zero'
  ).split(' '),
);
const UNIT = new Set(
  'milligram milligrams mg microgram micrograms mcg gram grams unit units tablet tablets pill pills puff puffs capsule capsules milliliters cc'.split(
    ' ',
  ),
);

const isNumber = (w: string | undefined): boolean => w !== undefined && (NUMBER.has(w) || /^\d/.test(w));

/** A dose starts at `i`: number words followed by a unit ("five hundred milligrams"). */
function doseAt(words: string[], i: number): boolean {
  let j = i;
  while (isNumber(words[j])) j++;
  return j > i && j - i <= 4 && UNIT.has(words[j] ?? '');
}

/** A dose ends at `i` ("… milligrams" preceded by a number, optionally followed by "of"). */
function doseEndsAt(words: string[], i: number): boolean {
  const k = words[i] === 'of' ? i - 1 : i;
  return UNIT.has(words[k] ?? '') && isNumber(words[k - 1]);
}

function afterVerb(words: string[], first: number): boolean {
  for (let i = first - 1, bridged = 0; i >= 0 && bridged <= 2; i--, bridged++) {
    if (MEDICATION_VERBS.has(words[i]!)) return true;
    if (!BRIDGE.has(words[i]!)) return false;
  }
  return false;
}

/**
 * Finds the maximal runs of words under `threshold` confidence that sit where a drug or condition name is expected:
 * after a medication verb (up to two bridging words) or directly before or after a dose. Pure.
 */
export function findUncertainSpans(words: Word[], threshold = LOW_CONFIDENCE): UncertainSpan[] {
  const lower = words.map((w) => w.w.toLowerCase());
  const spans: UncertainSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.conf >= threshold || isNumber(lower[i]) || UNIT.has(lower[i]!)) continue;
    let last = i;
    while (last + 1 < words.length && words[last + 1]!.conf < threshold && !isNumber(lower[last + 1])) last++;
    const reason = afterVerb(lower, i)
      ? 'after-medication-verb'
      : doseAt(lower, last + 1) || doseEndsAt(lower, i - 1)
        ? 'next-to-dose'
        : undefined;
    if (reason) {
      const run = words.slice(i, last + 1);
      spans.push({
        first: i,
        last,
        start: run[0]!.start,
        end: run.at(-1)!.end,
        conf: Math.min(...run.map((w) => w.conf)),
        reason,
      });
    }
    i = last;
  }
  return spans;
}

/** Adds `uncertain` to every segment that has such spans (others are left as they are). Pure. */
export function markUncertainSpans(transcript: Transcript, threshold = LOW_CONFIDENCE): Transcript {
  return {
    ...transcript,
    segments: transcript.segments.map((s) => {
      const uncertain = findUncertainSpans(s.words, threshold);
      return uncertain.length > 0 ? { ...s, uncertain } : s;
    }),
  };
}
