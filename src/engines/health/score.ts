import type { Assertion, Code, Entity } from '../../model/health';
import type { SegmentSpan } from '../../model/transcriptText';

/** One gold entity, located by its text inside its segment (`occurrence` counts from 1). */
export interface GoldEntity {
  segmentId: string;
  text: string;
  category: string;
  occurrence?: number;
  assertion: Assertion;
  codes: Pick<Code, 'system' | 'code'>[];
}

export interface ResolvedGold extends GoldEntity {
  offset: number;
  length: number;
}

export interface HealthScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  assertionCorrect: number;
  assertionTotal: number;
  assertionAccuracy: number;
  codeCorrect: number;
  codeTotal: number;
  codeAccuracy: number;
}

/** Places gold entities in the full transcript text; throws when a text is not in its segment. */
export function resolveGold(gold: readonly GoldEntity[], text: string, spans: readonly SegmentSpan[]): ResolvedGold[] {
  return gold.map((g) => {
    const span = spans.find((s) => s.id === g.segmentId);
    if (!span) throw new Error(`gold segment ${g.segmentId} not in transcript`);
    const segment = text.slice(span.offset, span.offset + span.length);
    let at = -1;
    for (let n = 0; n < (g.occurrence ?? 1); n++) at = segment.indexOf(g.text, at + 1);
    if (at < 0) throw new Error(`gold text not found in ${g.segmentId}`);
    return { ...g, offset: span.offset + at, length: g.text.length };
  });
}

const DEFAULTS = {
  certainty: 'positive',
  conditionality: 'none',
  association: 'subject',
  temporal: 'current',
} as const;
/** The assertion with defaults filled in, as one comparable string. */
export const assertionKey = (a: Assertion): string =>
  [
    a.certainty ?? DEFAULTS.certainty,
    a.conditionality ?? DEFAULTS.conditionality,
    a.association ?? DEFAULTS.association,
    a.temporal ?? DEFAULTS.temporal,
  ].join('/');

const overlap = (a: { offset: number; length: number }, b: { offset: number; length: number }): number =>
  Math.max(0, Math.min(a.offset + a.length, b.offset + b.length) - Math.max(a.offset, b.offset));
const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d);

/**
 * Scores predicted entities against gold: a match is the same category with overlapping spans (each entity used
 * once, largest overlap first). Assertions are compared on matched pairs (all four kinds at once); codes per gold
 * code on matched pairs (the same system and code must be predicted).
 */
export function scoreEntities(gold: readonly ResolvedGold[], predicted: readonly Entity[]): HealthScore {
  const used = new Set<number>();
  let tp = 0;
  let assertionCorrect = 0;
  let codeCorrect = 0;
  let codeTotal = 0;
  for (const g of gold) {
    let best = -1;
    let bestOverlap = 0;
    predicted.forEach((p, i) => {
      if (used.has(i) || p.category !== g.category) return;
      const o = overlap(g, p);
      if (o > bestOverlap) [best, bestOverlap] = [i, o];
    });
    codeTotal += best >= 0 ? g.codes.length : 0;
    if (best < 0) continue;
    used.add(best);
    tp++;
    const p = predicted[best]!;
    if (assertionKey(p.assertion) === assertionKey(g.assertion)) assertionCorrect++;
    codeCorrect += g.codes.filter((c) => p.codes.some((pc) => pc.system === c.system && pc.code === c.code)).length;
  }
  return summarize({
    tp,
    fp: predicted.length - tp,
    fn: gold.length - tp,
    assertionCorrect,
    assertionTotal: tp,
    codeCorrect,
    codeTotal,
  });
}

function summarize(c: {
  tp: number;
  fp: number;
  fn: number;
  assertionCorrect: number;
  assertionTotal: number;
  codeCorrect: number;
  codeTotal: number;
}): HealthScore {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return {
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    assertionCorrect: c.assertionCorrect,
    assertionTotal: c.assertionTotal,
    assertionAccuracy: ratio(c.assertionCorrect, c.assertionTotal),
    codeCorrect: c.codeCorrect,
    codeTotal: c.codeTotal,
    codeAccuracy: ratio(c.codeCorrect, c.codeTotal),
  };
}

/** Micro-average of several scores (counts summed, ratios recomputed). */
export function combineScores(scores: readonly HealthScore[]): HealthScore {
  const sum = (f: (s: HealthScore) => number): number => scores.reduce((n, s) => n + f(s), 0);
  return summarize({
    tp: sum((s) => s.truePositives),
    fp: sum((s) => s.falsePositives),
    fn: sum((s) => s.falseNegatives),
    assertionCorrect: sum((s) => s.assertionCorrect),
    assertionTotal: sum((s) => s.assertionTotal),
    codeCorrect: sum((s) => s.codeCorrect),
    codeTotal: sum((s) => s.codeTotal),
  });
}

export interface NegationScore {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** TN / (TN + FP): affirmed concepts not called negated. */
  specificity: number;
  /** TP / (TP + FP): negated calls that are right. */
  ppv: number;
  /** TP / (TP + FN). */
  sensitivity: number;
}

/** Negation detection as a binary task: "negative" certainty is the positive class. */
export function scoreNegation(pairs: readonly { gold?: string; predicted?: string }[]): NegationScore {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const { gold, predicted } of pairs) {
    const g = gold === 'negative';
    const p = predicted === 'negative';
    if (g && p) tp++;
    else if (p) fp++;
    else if (g) fn++;
    else tn++;
  }
  return {
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    specificity: ratio(tn, tn + fp),
    ppv: ratio(tp, tp + fp),
    sensitivity: ratio(tp, tp + fn),
  };
}
